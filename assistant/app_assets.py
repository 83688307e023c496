"""The web app's stylesheet and script: Thai-friendly tables, chips, the passage panel and page view, the
navigator, a phone layout; clicks on inline [n] markers, scrolling to the new answer, <html lang>."""

CSS = """
mark.cited{background:#ffe58a;padding:0 2px}
.passage{border:1px solid #ddd;padding:8px;border-radius:6px}
.passage-views{display:flex;flex-wrap:wrap;gap:10px;margin-top:6px}
.passage-text{flex:1 1 300px;min-width:0}
.passage-text .lines{font-family:monospace;white-space:pre-wrap;word-break:normal;overflow-wrap:anywhere;font-size:13px}
.passage-text .ln{color:#888}
.passage-page{flex:1 1 340px;min-width:0}
.passage .view-title{display:block;margin:4px 0;font-size:13px;color:#555}
.page-view{margin:0}
.page-frame{position:relative;display:inline-block;width:100%;line-height:0;border:1px solid #ccc}
.page-frame img{width:100%;height:auto;display:block}
.page-frame .hl{position:absolute;background:rgba(255,214,0,.35);outline:2px solid #e0a800;border-radius:2px}
.page-view figcaption{font-size:12px;color:#666;margin-top:4px}
.cite-ref{color:#1a5fb4;cursor:pointer;font-weight:600;text-decoration:underline dotted;padding:0 1px}
.cite-ref:hover,.cite-ref:focus{background:#e8f0fe;outline:none}
details.refs summary{cursor:pointer;color:#555}
ol.refs{margin:4px 0 0 0;padding-left:18px;font-size:.92em}
#citations .wrap{display:flex;flex-wrap:wrap;gap:4px}
#citations label{flex:0 1 auto !important;width:auto !important;border-radius:14px !important;
  padding:1px 8px !important;font-size:12px;max-width:100%;min-height:0 !important}
#citations label input{display:none}
#citations label.selected, #citations label:has(input:checked){background:#e8f0fe !important;border-color:#1a5fb4 !important}
#citations label span{white-space:normal;word-break:keep-all;line-break:strict;overflow-wrap:anywhere}
#cite-pick{position:absolute !important;left:-10000px !important;width:1px !important;height:1px !important;overflow:hidden}
#projects table, #documents table{min-width:760px}
#projects th, #projects td, #documents th, #documents td{word-break:keep-all;line-break:strict;overflow-wrap:normal}
#projects th span, #documents th span{white-space:normal;word-break:keep-all;line-break:strict}
#projects, #documents, .scroll-x{overflow-x:auto !important;max-width:100%}
#projects th:nth-child(3), #projects td:nth-child(3){min-width:220px;max-width:420px;width:420px}
#projects td:nth-child(3) *{white-space:normal !important}
.navigator{font-size:14px;word-break:normal;line-break:strict}
.navigator details{margin:2px 0 2px 14px}
.navigator details.nav-doc{margin-left:0}
.navigator summary{cursor:pointer;padding:3px 0}
.navigator .count{color:#777;font-size:12px;margin-left:6px;white-space:nowrap}
.navigator .lvl{background:#eef4f7;border-radius:4px;padding:0 4px;font-size:12px;margin-right:4px}
.navigator ul{margin:2px 0 6px 0;padding-left:18px}
.navigator .nav-project{margin:3px 0}
.navigator .src{color:#555;font-size:12px;margin-left:4px}
.navigator .fy{display:inline-block;background:#f3f6ee;border-radius:4px;padding:0 4px;margin:1px 2px;font-size:12px;
  white-space:nowrap}
.ingest-progress table{border-collapse:collapse;font-size:13px}
.ingest-progress td,.ingest-progress th{border:1px solid #ddd;padding:2px 6px;word-break:keep-all}
@media (max-width:640px){
  .passage-views{display:block}
  #chatbot{height:60vh !important}
  .navigator details{margin-left:8px}
}
"""

JS_HEAD = r"""
<script>
(function () {
  function pick(el) {
    var box = document.querySelector('#cite-pick textarea, #cite-pick input');
    if (!box) return;
    var t = /(?:^|\s)ct-(\d+)/.exec(el.className), n = /(?:^|\s)cn-(\d+)/.exec(el.className);
    if (!t || !n) return;
    box.value = t[1] + ':' + n[1] + ':' + Date.now();
    box.dispatchEvent(new Event('input', {bubbles: true}));
  }
  document.addEventListener('click', function (ev) {
    var el = ev.target && ev.target.closest ? ev.target.closest('.cite-ref') : null;
    if (el) { ev.preventDefault(); ev.stopPropagation(); pick(el); }
  }, true);
  document.addEventListener('keydown', function (ev) {
    var el = ev.target;
    if (el && el.classList && el.classList.contains('cite-ref') && (ev.key === 'Enter' || ev.key === ' ')) {
      ev.preventDefault(); pick(el);
    }
  }, true);
  window.planAssistant = {
    lang: function (lg) { document.documentElement.lang = lg; },
    toAnswer: function () {
      // the start of the newest answer at the top of the chat pane; the page itself does not move
      var bots = document.querySelectorAll('#chatbot [data-testid="bot"]');
      var last = bots[bots.length - 1];
      if (!last) return;
      var pane = last.parentElement;
      while (pane && pane !== document.body && !(pane.scrollHeight > pane.clientHeight + 4 &&
             /(auto|scroll)/.test(getComputedStyle(pane).overflowY))) pane = pane.parentElement;
      if (!pane || pane === document.body) return;
      pane.scrollTop += last.getBoundingClientRect().top - pane.getBoundingClientRect().top - 8;
    },
    toPassage: function () {
      var p = document.querySelector('#passage');
      if (p && window.innerWidth < 900) p.scrollIntoView({block: 'start'});
    }
  };
  document.documentElement.lang = 'th';
})();
</script>
"""
