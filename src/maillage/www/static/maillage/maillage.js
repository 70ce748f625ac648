// Progressive enhancement only: every page works without this script.
(function () {
  "use strict";
  // Need form: show the part of the weekly schedule that matches the chosen kind.
  function syncSchedule() {
    var checked = document.querySelector('input[name="need-schedule_kind"]:checked');
    document.querySelectorAll("[data-schedule]").forEach(function (block) {
      block.hidden = checked ? block.getAttribute("data-schedule") !== checked.value : false;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll('input[name="need-schedule_kind"]').forEach(function (input) {
      input.addEventListener("change", syncSchedule);
    });
    syncSchedule();
  });
})();
