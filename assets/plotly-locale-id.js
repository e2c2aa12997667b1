/* Plotly.js locale "id" of the PST Dashboard (served locally, no CDN). plotly.js's stock
   "id" locale has no separators, old month spellings (Nopember) and no modebar texts.
   Dash loads assets before plotly.js (which dcc.Graph loads on demand): plotly.js registers
   every module in window.PlotlyLocales when it starts. Should plotly.js already be loaded,
   the locale is registered directly. Charts pick it with config={'locale': 'id'}. */
(function () {
    "use strict";
    var locale = {
        moduleType: "locale",
        name: "id",
        dictionary: {
            "Autoscale": "Skala otomatis",
            "Box Select": "Pilih kotak",
            "Click to enter Colorscale title": "Klik untuk mengisi judul skala warna",
            "Click to enter Component A title": "Klik untuk mengisi judul komponen A",
            "Click to enter Component B title": "Klik untuk mengisi judul komponen B",
            "Click to enter Component C title": "Klik untuk mengisi judul komponen C",
            "Click to enter Plot title": "Klik untuk mengisi judul grafik",
            "Click to enter X axis title": "Klik untuk mengisi judul sumbu X",
            "Click to enter Y axis title": "Klik untuk mengisi judul sumbu Y",
            "Click to enter radial axis title": "Klik untuk mengisi judul sumbu radial",
            "Compare data on hover": "Bandingkan data saat kursor di atasnya",
            "Double-click on legend to isolate one trace": "Klik dua kali pada legenda untuk menampilkan satu seri saja",
            "Double-click to zoom back out": "Klik dua kali untuk memperkecil kembali",
            "Download plot": "Unduh grafik",
            "Download plot as a png": "Unduh grafik sebagai PNG",
            "Download plot as a PNG": "Unduh grafik sebagai PNG",
            "Edit in Chart Studio": "Sunting di Chart Studio",
            "IE only supports svg.  Changing format to svg.": "IE hanya mendukung SVG. Format diganti ke SVG.",
            "Lasso Select": "Pilih laso",
            "Orbital rotation": "Rotasi orbit",
            "Pan": "Geser",
            "Produced with Plotly.js": "Dibuat dengan Plotly.js",
            "Reset": "Atur ulang",
            "Reset axes": "Atur ulang sumbu",
            "Reset camera to default": "Atur ulang kamera ke bawaan",
            "Reset camera to last save": "Atur ulang kamera ke simpanan terakhir",
            "Reset view": "Atur ulang tampilan",
            "Reset views": "Atur ulang tampilan",
            "Show closest data on hover": "Tampilkan data terdekat saat kursor di atasnya",
            "Snapshot succeeded": "Gambar berhasil dibuat",
            "Sorry, there was a problem downloading your snapshot!": "Maaf, gambar gagal diunduh.",
            "Taking snapshot - this may take a few seconds": "Membuat gambar, mungkin perlu beberapa detik",
            "Toggle Spike Lines": "Garis bantu nyala/mati",
            "Toggle show closest data on hover": "Data terdekat saat kursor nyala/mati",
            "Turntable rotation": "Rotasi meja putar",
            "Zoom": "Perbesar area",
            "Zoom in": "Perbesar",
            "Zoom out": "Perkecil",
            "close:": "tutup:",
            "high:": "tertinggi:",
            "low:": "terendah:",
            "open:": "buka:",
            "incoming flow count:": "jumlah aliran masuk:",
            "outgoing flow count:": "jumlah aliran keluar:",
            "kde:": "kde:",
            "lat:": "lintang:",
            "lon:": "bujur:",
            "lower fence:": "pagar bawah:",
            "upper fence:": "pagar atas:",
            "max:": "maks:",
            "mean ± σ:": "rata-rata ± σ:",
            "mean:": "rata-rata:",
            "median:": "median:",
            "min:": "min:",
            "new text": "teks baru",
            "q1:": "q1:",
            "q3:": "q3:",
            "source:": "sumber:",
            "target:": "target:",
            "trace": "seri"
        },
        format: {
            days: ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
            shortDays: ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"],
            months: [
                "Januari", "Februari", "Maret", "April", "Mei", "Juni",
                "Juli", "Agustus", "September", "Oktober", "November", "Desember"
            ],
            shortMonths: [
                "Jan", "Feb", "Mar", "Apr", "Mei", "Jun",
                "Jul", "Agu", "Sep", "Okt", "Nov", "Des"
            ],
            date: "%d/%m/%Y",
            decimal: ",",
            thousands: ".",
            grouping: [3],
            currency: ["Rp", ""]
        }
    };
    if (window.Plotly && typeof window.Plotly.register === "function") {
        window.Plotly.register(locale);
    } else {
        window.PlotlyLocales = (window.PlotlyLocales || []).concat([locale]);
    }
})();
