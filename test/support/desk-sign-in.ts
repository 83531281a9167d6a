// Signs in to a running Worker's desk the way a browser does (the form's own token, then
// the author token), for Node-side tests that need a session without driving the form.
export interface DeskCookie {
  name: string;
  value: string;
}

/** The session cookie the desk answers for `token`; throws if sign-in is refused. */
export async function deskSessionCookie(base: string, token: string): Promise<DeskCookie> {
  const form = await fetch(`${base}/admin/sign-in`);
  const formToken = /name="form" value="([0-9a-f]+)"/.exec(await form.text())?.[1];
  const formCookie = form.headers.getSetCookie().find((c) => c.startsWith("herald_desk_form="))?.split(";")[0];
  if (!formToken || !formCookie) throw new Error("the sign-in form carries no form token");
  const res = await fetch(`${base}/admin/sign-in`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: formCookie, Origin: base },
    body: new URLSearchParams({ form: formToken, token }),
    redirect: "manual",
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("herald_desk="))?.split(";")[0];
  if (res.status !== 303 || !session) throw new Error(`sign-in answered ${res.status}`);
  const eq = session.indexOf("=");
  return { name: session.slice(0, eq), value: session.slice(eq + 1) };
}
