/* The glossary page: a box that shows only the terms whose name or other spellings
   contain what is typed. Without JavaScript the box stays hidden and every term shows.
   Needs site.js (loaded before it). */
(function () {
  "use strict";
  function start() {
    var box = document.querySelector(".ck-glossary-filter");
    if (!box) return;
    var input = box.querySelector("input");
    var count = box.querySelector(".ck-glossary-count");
    var terms = document.querySelectorAll(".ck-term");
    box.hidden = false;
    function update() {
      var wanted = input.value.trim().toLowerCase();
      var shown = 0;
      for (var i = 0; i < terms.length; i++) {
        var hit = !wanted || terms[i].getAttribute("data-names").indexOf(wanted) >= 0;
        terms[i].hidden = !hit;
        if (hit) shown++;
      }
      count.textContent = wanted ? shown + " of " + terms.length + " terms shown" : "";
    }
    input.addEventListener("input", update);
  }
  window.coursekitSite.whenReady(start);
})();
