"""Turn plan documents (txt/md/pdf/docx) into cited chunks in a hybrid index."""
