/* Dashboard charts: KPI sparklines, this-year-vs-last trend, and the Henan choropleth (ECharts, local). */
(function () {
  "use strict";
  var geoFiles = {}, registered = {};
  var charts = [];

  // The map of the dashboard's level: the province's cities, or one city's counties (the features of
  // the county file whose parent is the city). Registered once per map name.
  function loadMap(url, parent) {
    var name = parent ? "henan-" + parent : "henan";
    if (!geoFiles[url]) geoFiles[url] = fetch(url).then(function (r) { return r.json(); });
    return geoFiles[url].then(function (geo) {
      if (!registered[name]) {
        var features = parent ? geo.features.filter(function (f) {
          return String((f.properties.parent || {}).adcode) === parent;
        }) : geo.features;
        registered[name] = { type: "FeatureCollection", features: features };
        echarts.registerMap(name, registered[name]);
      }
      return { name: name, geo: registered[name] };
    });
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
      var parent = root.dataset.mapLevel === "counties" ? root.dataset.mapParent : "";
      loadMap(root.dataset.mapUrl, parent).then(function (loaded) {
        if (!document.body.contains(me)) return;
        // match the cube's regions to the boundaries by name, else by code (the file has 2021-era codes)
        var names = {}, byCode = {};
        ((loaded.geo && loaded.geo.features) || []).forEach(function (f) {
          names[f.properties.name] = true; byCode[String(f.properties.adcode)] = f.properties.name;
        });
        data.map.forEach(function (c) { c.shape = names[c.name] ? c.name : (byCode[c.code] || c.name); });
        var byName = {};
        data.map.forEach(function (c) { byName[c.shape] = c.code; });
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
            type: "map", map: loaded.name, roam: false, selectedMode: false,
            label: { show: true, fontSize: 10 },
            itemStyle: { borderColor: "#fff" },
            emphasis: { label: { show: true } },
            data: data.map.map(function (c) {
              return { name: c.shape, value: c.value === null ? NaN : c.value, code: c.code,
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
        me.dataset.regions = data.map.filter(function (c) { return names[c.shape]; }).map(function (c) { return c.shape; }).join(",");
      });
    }
  }

  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:afterSettle", init);
})();
