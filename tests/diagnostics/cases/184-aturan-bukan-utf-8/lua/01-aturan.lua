-- Label disimpan Notepad sebagai ANSI (Windows-1252): e-akut di dalamnya adalah byte 0xE9.
-- A label Notepad saved as ANSI (Windows-1252): the e-acute in it is the byte 0xE9.
elemen { id = "hari_buka", label = "Hari buka (é)", lokal = true }
tingkat { id = "pratama", label = "Pratama" }
