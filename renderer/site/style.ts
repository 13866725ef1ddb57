/**
 * The annex site's one stylesheet: system fonts only (nothing fetched),
 * contrast ≥ 7:1 for text, visible focus, readable at 200 % zoom, and print
 * rules for A4 (the summary fits one page, articles avoid page breaks inside).
 */
export const STYLE_CSS = `
:root { --ink: #161616; --muted: #3a3a3a; --blue: #000091; --line: #c8cbd6; --soft: #f3f5fb; }
* { box-sizing: border-box; }
html { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; color: var(--ink); background: #fff; line-height: 1.55; }
body { margin: 0; }
a { color: var(--blue); text-underline-offset: 0.15em; }
a:focus-visible, summary:focus-visible { outline: 3px solid var(--blue); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: 0.5rem 1rem; }
.skip:focus { left: 0.5rem; z-index: 10; }
header.site { border-bottom: 4px solid var(--blue); padding: 1rem 1.5rem 0; }
.brand { margin: 0; font-weight: bold; font-size: 0.9rem; text-transform: uppercase; letter-spacing: 0.04em; }
.procedure { margin: 0.25rem 0 0.75rem; font-size: 1.1rem; }
.badge { display: inline-block; border: 1px solid var(--ink); border-radius: 3px; padding: 0 0.4rem; font-size: 0.8rem; margin-left: 0.4rem; }
.badge.draft { background: #fff6dc; border-color: #6b4a00; color: #4d3500; }
nav.sections ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
nav.sections a { display: inline-block; padding: 0.5rem 0; text-decoration: none; font-weight: bold; }
nav.sections a[aria-current="page"] { border-bottom: 3px solid var(--blue); }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.9rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 0.5rem; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 0.4rem; }
.lead { font-size: 1.1rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 1rem; padding: 0; list-style: none; }
.cards li { border: 1px solid var(--line); border-radius: 6px; padding: 1rem; background: var(--soft); }
.cards h2 { margin-top: 0; font-size: 1.15rem; }
.figures { border-left: 4px solid var(--blue); background: var(--soft); padding: 0.75rem 1rem; }
.figures dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0; }
.figures dt { font-weight: bold; }
.figures dd { margin: 0; }
figure { margin: 1rem 0; }
figure img { display: block; width: 100%; height: auto; border: 1px solid var(--line); background: #fff; }
figcaption { color: var(--muted); font-size: 0.9rem; margin-top: 0.4rem; }
.comment { font-size: 1.02rem; }
pre { background: var(--soft); border: 1px solid var(--line); padding: 0.75rem; overflow-x: auto; font-size: 0.85rem; }
details { margin: 0.5rem 0; }
summary { cursor: pointer; color: var(--blue); }
table { border-collapse: collapse; width: 100%; margin: 0.75rem 0; }
th, td { border: 1px solid var(--line); padding: 0.4rem 0.5rem; text-align: left; vertical-align: top; }
th { background: var(--soft); }
caption { text-align: left; font-weight: bold; padding: 0.4rem 0; }
.help { font-weight: normal; color: var(--muted); }
th.section { background: #e8eefc; }
article.legal { border-top: 1px solid var(--line); padding-top: 0.5rem; }
article.legal h2 { margin-top: 1rem; }
article.legal ul { padding-left: 1.5rem; }
.provenance { font-size: 0.88rem; color: var(--muted); border-left: 3px solid var(--line); padding-left: 0.75rem; margin: 0.75rem 0 1.25rem; }
.provenance ul { padding-left: 1.1rem; }
.toc ol, .toc ul { columns: 2 18rem; }
.source { font-family: "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 0.82rem; line-height: 1.45; white-space: pre; overflow-x: auto; background: var(--soft); border: 1px solid var(--line); padding: 0.5rem 0; }
.source span.l { display: block; padding: 0 0.75rem; }
.source span.l:target { background: #fff6dc; outline: 2px solid #8a6100; }
.source span.n { display: inline-block; width: 4.5ch; color: var(--muted); text-align: right; margin-right: 1.5ch; user-select: none; }
footer.site { border-top: 1px solid var(--line); margin-top: 3rem; padding: 1rem 1.5rem; color: var(--muted); font-size: 0.88rem; }
@media print {
  @page { size: A4; margin: 15mm; }
  header.site, .skip, footer.site, .no-print { display: none; }
  main { max-width: none; padding: 0; }
  a { color: var(--ink); text-decoration: none; }
  article.legal, figure, section.diagram { break-inside: avoid; }
  .summary-figure img { max-height: 250mm; width: auto; max-width: 100%; margin: 0 auto; border: 0; }
  details { display: none; }
}
`;
