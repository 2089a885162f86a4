// The new-entry form: the balance as one types, "add a line" without a round trip, and
// Ctrl+Enter to post. Amounts are read as exact decimal digits into integer minor units
// (BigInt), never as floating point. Without this file the form works the same, checked
// by the server.
(function () {
  "use strict";
  var form = document.getElementById("entry-form");
  if (!form) { return; }
  var scale = parseInt(form.dataset.scale, 10) || 0;
  var status = document.getElementById("balance");
  var body = document.getElementById("lines");

  // "1,234.5" -> 123450n at scale 2; null when it is not a plain positive decimal.
  function minor(text) {
    text = text.trim().replace(/,/g, "");
    if (text === "") { return 0n; }
    var match = /^(\d*)(?:\.(\d*))?$/.exec(text);
    if (!match || (match[1] === "" && !match[2])) { return null; }
    var fraction = match[2] || "";
    if (fraction.length > scale) { return null; }
    return BigInt((match[1] || "0") + fraction.padEnd(scale, "0"));
  }

  function show(value) {
    var negative = value < 0n;
    var digits = (negative ? -value : value).toString().padStart(scale + 1, "0");
    var whole = digits.slice(0, digits.length - scale).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    var fraction = scale > 0 ? "." + digits.slice(digits.length - scale) : "";
    return (negative ? "-" : "") + whole + fraction;
  }

  function sum(prefix) {
    var total = 0n;
    var inputs = form.querySelectorAll("input[name^='" + prefix + "_']");
    for (var i = 0; i < inputs.length; i++) {
      var value = minor(inputs[i].value);
      if (value === null) { return null; }
      total += value;
    }
    return total;
  }

  function update() {
    var debits = sum("debit");
    var credits = sum("credit");
    if (debits === null || credits === null) { status.textContent = ""; return; }
    var template = debits === credits ? form.dataset.balanced : form.dataset.unbalanced;
    status.textContent = template
      .replace("%debits%", show(debits))
      .replace("%credits%", show(credits))
      .replace("%difference%", show(debits > credits ? debits - credits : credits - debits));
    status.classList.toggle("off", debits !== credits);
  }

  function addLine() {
    var rows = body.querySelectorAll("tr.line");
    var last = rows[rows.length - 1];
    var copy = last.cloneNode(true);
    var n = rows.length;
    copy.querySelectorAll(".field-error").forEach(function (p) { p.remove(); });
    copy.querySelectorAll("label").forEach(function (label) {
      label.htmlFor = label.htmlFor.replace(/_\d+$/, "_" + n);
      label.textContent = label.textContent.replace(/\d+/, String(n + 1));
    });
    copy.querySelectorAll("input").forEach(function (input) {
      input.name = input.name.replace(/_\d+$/, "_" + n);
      input.id = input.id.replace(/_\d+$/, "_" + n);
      input.value = "";
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    });
    body.appendChild(copy);
    copy.querySelector("input").focus();
  }

  form.addEventListener("input", update);
  form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit(document.getElementById("post-entry"));
    }
  });
  document.getElementById("add-line").addEventListener("click", function (event) {
    event.preventDefault();
    addLine();
  });
  update();
})();
