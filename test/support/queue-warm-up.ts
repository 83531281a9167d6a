// On a cold start, wrangler dev's local queue has been seen (twice, in CI) to drop the very
// first message it is given. Production has the scheduled sweep for lost messages; tests
// cannot wait ten minutes for it, so a throwaway test send goes through first, again if
// it does not arrive.
export async function warmUpQueue(url: string, to = "warm-up@example.org"): Promise<void> {
  const headers = { Authorization: "Bearer test-author-token-0001", "Content-Type": "application/json" };
  for (let attempt = 1; attempt <= 3; attempt++) {
    const res = await fetch(`${url}/api/sends`, { method: "POST", headers, body: JSON.stringify({ date: "2015-11-09", to }) });
    const { id } = (await res.json()) as { id: number };
    const deadline = Date.now() + 8_000;
    while (Date.now() < deadline) {
      const view = (await (await fetch(`${url}/api/sends/${id}`, { headers })).json()) as { status: string };
      if (view.status === "done") return;
      await new Promise((r) => setTimeout(r, 200));
    }
    console.warn(`local queue warm-up: test send ${id} did not arrive in 8 s (attempt ${attempt})`);
  }
  throw new Error("the local queue delivered none of three warm-up sends");
}
