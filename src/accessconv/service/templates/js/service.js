// Progressive enhancement only: the page works without it.
(function () {
  "use strict";
  var zone = document.getElementById("drop-zone");
  var input = document.getElementById("drafts");
  if (zone && input) {
    zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      zone.classList.remove("over");
      if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; }
    });
  }
  var status = document.getElementById("job-status");
  if (status && status.dataset.state !== "done") {
    var poll = function () {
      fetch(status.dataset.statusUrl, {credentials: "same-origin"}).then(function (r) { return r.json(); })
        .then(function (job) {
          if (job.state === "done") { window.location.reload(); return; }
          var words = job.drafts.map(function (d) { return d.name + ": " + d.state; }).join(". ");
          status.querySelector("p").textContent = "Progress: " + job.state + ". " + words + ".";
          setTimeout(poll, 1500);
        }).catch(function () { setTimeout(poll, 5000); });
    };
    setTimeout(poll, 1000);
  }
})();
