"""The annual work report (*Laporan Kerja Tahunan*, SOP step 11) and the monthly report: their
content from the metrics the trends page and ``/api/v1/stats`` use, written as DOCX (from a
template the office may replace), XLSX and, where LibreOffice is present, PDF."""
