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
    // ?wait= holds each answer until the conversion changes: one request per change, not a poll.
    var poll = function () {
      fetch(status.dataset.statusUrl + "?wait=25", {credentials: "same-origin"})
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .then(function (job) {
          if (job.state === "done") { window.location.reload(); return; }
          var words = job.drafts.map(function (d) { return d.name + ": " + d.state; }).join(". ");
          status.querySelector("p").textContent = "Progress: " + job.state + ". " + words + ".";
          setTimeout(poll, 200);
        }).catch(function () { setTimeout(poll, 5000); });
    };
    setTimeout(poll, 200);
  }
})();
