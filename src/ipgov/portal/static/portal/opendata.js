/* Open-data page: the province's trend and the Henan map of the latest period (ECharts, served locally). */
(function () {
  "use strict";
  function init() {
    var root = document.getElementById("opendata"), dataEl = document.getElementById("chart-data");
    if (!root || !dataEl || typeof echarts === "undefined") return;
    var data = JSON.parse(dataEl.textContent);
    var te = document.getElementById("trend");
    if (te && data.trend.periods.length) {
      echarts.init(te).setOption({
        animation: false, tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: data.trend.periods }, yAxis: { type: "value", name: data.unit },
        series: [{ type: "line", data: data.trend.values, connectNulls: false }]
      });
    }
    var me = document.getElementById("map");
    if (!me || !data.period) return;
    fetch(root.dataset.mapUrl).then(function (r) { return r.json(); }).then(function (geo) {
      echarts.registerMap("henan", geo);
      var values = data.map.map(function (c) { return c.value; }).filter(function (v) { return v !== null; });
      var chart = echarts.init(me);
      chart.setOption({
        animation: false, title: { text: data.period, left: "center", textStyle: { fontSize: 12 } },
        tooltip: { trigger: "item" },
        visualMap: { min: values.length ? Math.min.apply(null, values) : 0,
                     max: values.length ? Math.max.apply(null, values) : 1,
                     orient: "horizontal", left: "center", bottom: 0, inRange: { color: ["#fbe9e7", "#8b0000"] } },
        series: [{ type: "map", map: "henan", roam: false, selectedMode: false, label: { show: true, fontSize: 10 },
                   data: data.map.map(function (c) {
                     return { name: c.name, value: c.value === null ? NaN : c.value, code: c.code };
                   }) }]
      });
      chart.on("click", function (p) {
        if (p.data && p.data.code) window.location.href = root.dataset.regionUrl.replace("000000", p.data.code);
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
