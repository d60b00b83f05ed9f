/* Dashboard charts: KPI sparklines, this-year-vs-last trend, and the Henan choropleth (ECharts, local). */
(function () {
  "use strict";
  var mapLoaded = null;
  var charts = [];

  function loadMap(url) {
    if (!mapLoaded) {
      mapLoaded = fetch(url).then(function (r) { return r.json(); }).then(function (geo) {
        echarts.registerMap("henan", geo);
        return geo;
      });
    }
    return mapLoaded;
  }

  function dispose() {
    charts.forEach(function (c) { c.dispose(); });
    charts = [];
  }

  function init() {
    var root = document.getElementById("dash");
    var dataEl = document.getElementById("chart-data");
    if (!root || !dataEl || typeof echarts === "undefined") return;
    dispose();
    var data = JSON.parse(dataEl.textContent);
    data.kpis.forEach(function (k) {
      var el = document.getElementById("spark-" + k.id);
      if (!el) return;
      var c = echarts.init(el, null, { renderer: "svg" });
      c.setOption({
        animation: false, grid: { left: 2, right: 2, top: 4, bottom: 4 },
        xAxis: { type: "category", show: false, data: k.spark.map(function (p) { return p[0]; }) },
        yAxis: { type: "value", show: false, scale: true },
        tooltip: { trigger: "axis", confine: true },
        series: [{ type: "line", data: k.spark.map(function (p) { return p[1]; }), symbol: "none",
                   lineStyle: { width: 2, color: "#1f5fa8" }, areaStyle: { opacity: 0.12 } }]
      });
      charts.push(c);
    });
    var t = data.trend, te = document.getElementById("trend");
    if (te) {
      var tc = echarts.init(te);
      tc.setOption({
        animation: false, tooltip: { trigger: "axis" }, legend: { top: 0 },
        grid: { left: 50, right: 10, top: 30, bottom: 25 },
        xAxis: { type: "category", data: t.months },
        yAxis: { type: "value" },
        series: [
          { name: String(t.this_year), type: "bar", data: t["this"], itemStyle: { color: "#1f5fa8" } },
          { name: String(t.last_year), type: "bar", data: t.last, itemStyle: { color: "#a9bfd8" } }
        ]
      });
      charts.push(tc);
    }
    var me = document.getElementById("map");
    if (me) {
      loadMap(root.dataset.mapUrl).then(function () {
        if (!document.body.contains(me)) return;
        var byName = {};
        data.map.forEach(function (c) { byName[c.name] = c.code; });
        var values = data.map.map(function (c) { return c.value; }).filter(function (v) { return v !== null; });
        var mc = echarts.init(me);
        mc.setOption({
          animation: false,
          tooltip: { trigger: "item", formatter: function (p) {
            return p.name + (p.value === undefined || isNaN(p.value) ? "" : ": " + Number(p.value).toLocaleString());
          } },
          visualMap: { min: values.length ? Math.min.apply(null, values) : 0,
                       max: values.length ? Math.max.apply(null, values) : 1,
                       calculable: true, orient: "horizontal", left: "center", bottom: 0,
                       inRange: { color: ["#e6eef8", "#1f5fa8"] } },
          series: [{
            type: "map", map: "henan", roam: false, selectedMode: false,
            label: { show: true, fontSize: 10 },
            itemStyle: { borderColor: "#fff" },
            emphasis: { label: { show: true } },
            data: data.map.map(function (c) {
              return { name: c.name, value: c.value === null ? NaN : c.value, code: c.code,
                       itemStyle: c.code === data.selected ? { borderColor: "#d33", borderWidth: 2 } : undefined };
            })
          }]
        });
        mc.on("click", function (p) {
          var code = p.data && p.data.code ? p.data.code : byName[p.name];
          if (!code) return;
          var q = new URLSearchParams({ region: code, period: root.dataset.period, indicator: root.dataset.indicator });
          window.location.href = root.dataset.dashboardUrl + "?" + q.toString();
        });
        charts.push(mc);
        me.dataset.ready = "1";
      });
    }
  }

  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:afterSettle", init);
})();
