// The desk's stylesheet, on top of the site's /style.css: wide tables, counts, controls, charts.
export const DESK_STYLE_PATH = "/admin/desk.css";

export const DESK_STYLE = `
body.desk header.site,body.desk main,body.desk footer.site{max-width:64rem}
nav.desk{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center}
nav.desk a{margin:0;padding:.25rem 0;font-size:1rem}
nav.desk a[aria-current=page]{font-weight:700;color:var(--fg);text-decoration-thickness:3px}
nav.desk form{margin:0}
nav.desk form button{padding:.25rem .75rem;font-size:.9rem}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible,iframe:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.counts{display:grid;grid-template-columns:repeat(auto-fill,minmax(8rem,1fr));gap:.5rem;margin:1rem 0;padding:0;list-style:none}
.counts li{border:1px solid var(--line);border-radius:6px;padding:.5rem .75rem}
.counts .n{display:block;font-size:1.5rem;font-weight:700;font-variant-numeric:tabular-nums}
.counts .label{color:var(--muted);font-size:.9rem}
table.desk{display:table;width:100%;font-size:.95rem}
.table-wrap{overflow-x:auto;max-width:100%}
/* A table wider than the window shows a shade at the side it scrolls to (pure CSS: shades that scroll away at each end). */
.table-wrap{background:linear-gradient(to right,var(--bg) 30%,transparent) 0 0/2.5rem 100% no-repeat local,linear-gradient(to left,var(--bg) 30%,transparent) 100% 0/2.5rem 100% no-repeat local,radial-gradient(farthest-side at 0 50%,rgba(0,0,0,.25),transparent) 0 0/1rem 100% no-repeat scroll,radial-gradient(farthest-side at 100% 50%,rgba(0,0,0,.25),transparent) 100% 0/1rem 100% no-repeat scroll}
table.desk th{text-align:left}
table.desk td.num,table.desk th.num{text-align:right;font-variant-numeric:tabular-nums}
.controls{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}
.controls form{margin:0}
.controls .what{display:block;color:var(--muted);font-size:.85rem;max-width:16rem}
button.danger{background:#b3261e}
.field input[type=text],.field input[type=email],.field input[type=password],.field input[type=search],.field input[type=date],.field input[type=file],.field textarea{flex:1 1 14rem;min-width:0;max-width:100%;font:inherit;padding:.4rem .55rem;border:1px solid var(--line);border-radius:4px;background:var(--bg);color:var(--fg)}
.field input[aria-invalid=true]{border:2px solid #b3261e}
.notice{padding:.5rem .75rem;border-left:4px solid var(--accent);background:var(--code)}
iframe.preview{width:100%;height:70vh;min-height:24rem;border:1px solid var(--line);border-radius:6px;background:#fff}
pre.text-version{white-space:pre-wrap;max-height:40rem;overflow:auto}
figure.chart{margin:1rem 0}
figure.chart svg{width:100%;max-width:44rem;height:auto;display:block}
figure.chart .bar{fill:var(--accent)}
figure.chart .axis{stroke:var(--muted);stroke-width:1}
figure.chart .grid{stroke:var(--line);stroke-width:1}
figure.chart text{fill:var(--muted);font-size:13px;font-family:system-ui,sans-serif}
figure.chart figcaption{color:var(--muted);font-size:.9rem}
@media (max-width:40rem){figure.chart text{font-size:18px}}
/* Today and Sends: add rules below this line */
dl.today,dl.send-facts{display:grid;grid-template-columns:minmax(6rem,max-content) 1fr;gap:.25rem 1rem}
dl.today dt,dl.send-facts dt{font-weight:700}
dl.today dd,dl.send-facts dd{margin:0;overflow-wrap:anywhere}
.send-summary{font-weight:700}
.send-bar label{display:block}
.send-bar progress{width:100%;height:1.25rem}
ul.dates{padding-left:1.25rem}
.field.stacked label{flex:1 1 100%}
.field textarea{width:100%;box-sizing:border-box}
hr.desk{border:0;border-top:1px solid var(--line);margin:2rem 0}
/* Subscribers and Alerts: add rules below this line */
.desk-search{margin:1rem 0}
td.row-actions{white-space:nowrap}
td.row-actions form{display:inline;margin:0}
td.row-actions button{padding:.2rem .6rem;font-size:.9rem}
.field.consent{flex-wrap:nowrap;align-items:flex-start}
.field.consent input{flex:0 0 auto;margin:.3rem 0 0;width:1.1rem;height:1.1rem}
.field.consent label{flex:1 1 auto;min-width:0}
p.what{color:var(--muted);font-size:.9rem;margin-top:0}
table.desk td.address{overflow-wrap:anywhere}
/* Its hidden words (position:absolute) would otherwise be placed against the page and widen it past the scrolling wrap. */
table.search-results{position:relative}
table.desk caption{text-align:left;color:var(--muted);font-size:.9rem;padding:.25rem 0}
dl.subscriber{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.subscriber dt{font-weight:600}
dl.subscriber dd{margin:0;overflow-wrap:anywhere}
body.desk main h1,.controls button.danger{overflow-wrap:anywhere}
ol.alert-list{list-style:none;padding:0}
ol.alert-list li{border-top:1px solid var(--line);padding:.5rem 0}
ol.alert-list h2{font-size:1.1rem;margin:.25rem 0}
ol.alert-list p{margin:.25rem 0;overflow-wrap:anywhere}
nav.pages{display:flex;gap:1rem;margin:1rem 0}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
a.visually-hidden:focus{position:static;width:auto;height:auto;clip:auto;white-space:normal;display:inline-block;margin:.5rem 1rem}
`;
