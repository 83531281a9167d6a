// Errors on the site's pages answer an HTML page that says what went wrong (see html-errors.ts).
import { htmlErrors } from "../http/html-errors.ts";
import { errorPage } from "../pages/error-page.ts";

export const pageErrors = htmlErrors((c, sentence) => errorPage(c.get("config"), c.req.path, sentence));
