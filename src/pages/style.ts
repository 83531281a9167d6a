// The site's only stylesheet: readable from 320 px up, light and dark.
export const STYLE_PATH = "/style.css";

export const STYLE = `
:root{color-scheme:light dark;--fg:#1d1d1f;--bg:#fdfdfc;--muted:#5b5b66;--accent:#1f5fbf;--line:#d9d9de;--code:#f2f2f5}
@media (prefers-color-scheme:dark){:root{--fg:#e9e9ee;--bg:#141417;--muted:#a2a2ad;--accent:#8ab4ff;--line:#34343b;--code:#1f1f24}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:17px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;overflow-wrap:break-word}
a{color:var(--accent)}
header.site,footer.site,main{max-width:42rem;margin:0 auto;padding:0 1rem}
header.site{display:flex;flex-wrap:wrap;gap:.5rem 1rem;justify-content:space-between;align-items:baseline;padding-top:1rem;padding-bottom:.5rem;border-bottom:1px solid var(--line)}
header.site .brand{font-weight:700;text-decoration:none;color:var(--fg)}
header.site nav a{margin-left:.5rem;font-size:.9rem}
footer.site{margin-top:3rem;padding-top:1rem;padding-bottom:2rem;border-top:1px solid var(--line);color:var(--muted);font-size:.9rem}
h1{line-height:1.25;font-size:1.9rem;margin:1.5rem 0 .5rem}
h2{line-height:1.3;margin-top:2rem}
.meta,.muted{color:var(--muted);font-size:.95rem}
img{max-width:100%;height:auto}
pre{background:var(--code);padding:.75rem;overflow-x:auto;border-radius:6px;font-size:.9rem}
code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.92em}
:not(pre)>code{background:var(--code);padding:.1em .3em;border-radius:4px}
table{border-collapse:collapse;display:block;overflow-x:auto}
th,td{border:1px solid var(--line);padding:.3rem .5rem}
blockquote{margin-left:0;padding-left:1rem;border-left:3px solid var(--line);color:var(--muted)}
nav.toc{border:1px solid var(--line);border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
nav.toc ol{margin:.25rem 0;padding-left:1.25rem}
ul.posts{list-style:none;padding:0}
ul.posts li{margin:.75rem 0}
ul.posts .summary{display:block;color:var(--muted);font-size:.95rem}
.tags a{margin-right:.5rem;font-size:.9rem}
nav.day-links{display:flex;flex-wrap:wrap;gap:.5rem 1rem;justify-content:space-between;margin:1.5rem 0;padding-top:1rem;border-top:1px solid var(--line)}
nav.day-links a{flex:1 1 14rem}
nav.day-links a[rel=next]{text-align:right}
form.subscribe{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0;padding:1rem;border:1px solid var(--line);border-radius:6px}
form.subscribe label{flex-basis:100%;font-weight:600}
form.subscribe input[type=email]{flex:1 1 12rem;min-width:0;font:inherit;padding:.45rem .6rem;border:1px solid var(--line);border-radius:4px;background:var(--bg);color:var(--fg)}
form.subscribe button{font:inherit;padding:.45rem 1rem;border:0;border-radius:4px;background:var(--accent);color:var(--bg);cursor:pointer}
form:not(.subscribe) button{font:inherit;padding:.5rem 1.1rem;border:0;border-radius:4px;background:var(--accent);color:var(--bg);cursor:pointer}
form:not(.subscribe) button.quiet{background:transparent;color:var(--accent);border:1px solid currentColor}
fieldset.follow{flex-basis:100%;min-width:0;margin:0;padding:.5rem .75rem;border:1px solid var(--line);border-radius:4px}
fieldset.follow legend{font-weight:600;padding:0 .25rem}
fieldset.follow p{margin:.25rem 0}
form.subscribe .follow-note{flex-basis:100%;margin:0}
.choice{display:flex;gap:.5rem;align-items:baseline;margin:.35rem 0}
.choice input{flex:none;width:1.1rem;height:1.1rem;margin:0}
form .choice label{flex:1 1 auto;flex-basis:auto;font-weight:400}
.choice .muted{display:block;font-size:.85rem}
.field{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:baseline;margin:.5rem 0}
.field label{flex:0 0 auto;min-width:6rem;font-weight:600}
.field select{flex:1 1 12rem;min-width:0;max-width:100%;font:inherit;padding:.35rem .5rem;border:1px solid var(--line);border-radius:4px;background:var(--bg);color:var(--fg)}
.field select[aria-invalid=true]{border:2px solid #b3261e}
.field-error{flex-basis:100%;margin:0}
section.stop{margin:1rem 0;padding:1rem;border:2px solid var(--accent);border-radius:6px}
section.stop h2{margin-top:0}
.error{color:#b3261e}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
`;
