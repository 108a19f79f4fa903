/* Demo store glue: the widget announces product actions as DOM events; the store reacts. */
(function () {
  "use strict";
  var count = 0;
  var cta = document.getElementById("open-chat");
  if (cta) cta.addEventListener("click", function () { if (window.shopbot) window.shopbot.open(); });
  window.addEventListener("shopbot:add-to-cart", function () {
    count += 1;
    var c = document.getElementById("cart-count");
    if (c) c.textContent = String(count);
  });
  window.addEventListener("shopbot:view-product", function (e) {
    var node = document.querySelector('[data-product-id="' + CSS.escape(String(e.detail.product_id)) + '"]');
    if (!node) return;
    node.scrollIntoView({ behavior: "smooth", block: "center" });
    node.classList.add("flash");
    setTimeout(function () { node.classList.remove("flash"); }, 1600);
  });
})();
