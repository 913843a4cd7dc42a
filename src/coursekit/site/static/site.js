/* Every page of the static edition: outputs too wide for the screen scroll sideways inside
   their own box; such a box is made reachable with the keyboard (Tab) and named, so that
   someone without a mouse can scroll it with the arrow keys too.
   Also what the pages' other scripts share, as window.coursekitSite (this file is loaded
   before them): making elements, and mounting each box of a kind with the page's data. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function filled(node, attrs, text) {
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  /* An HTML element with these attributes and, if given, this text. */
  function el(tag, attrs, text) { return filled(document.createElement(tag), attrs, text); }
  /* The same for an SVG element. */
  function svg(tag, attrs, text) { return filled(document.createElementNS(SVG, tag), attrs, text); }

  /* Run `start` once the page is read (at once if it already is). */
  function whenReady(start) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }

  /* Once the page is read: mount(box, data, n) for every element matching `selector`
     (n counts from 1), with the JSON of <script id="dataId">; nothing if the page has none. */
  function mountEach(dataId, selector, mount) {
    whenReady(function () {
      var source = document.getElementById(dataId);
      if (!source) return;
      var data = JSON.parse(source.textContent);
      var boxes = document.querySelectorAll(selector);
      for (var i = 0; i < boxes.length; i++) mount(boxes[i], data, i + 1);
    });
  }

  function markScrollable() {
    var boxes = document.querySelectorAll(".ck-output-html, .ck-output-text");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Output, scrolls sideways");
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
  }
  document.addEventListener("DOMContentLoaded", markScrollable);
  window.addEventListener("resize", markScrollable);
  window.coursekitSite = {el: el, svg: svg, whenReady: whenReady, mountEach: mountEach, markScrollable: markScrollable};
})();
