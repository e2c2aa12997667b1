"""Layout pieces shared by every page: the frame, headings, form fields, grids, access notices."""
