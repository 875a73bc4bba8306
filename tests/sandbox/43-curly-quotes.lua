-- expect: 99-case.lua:5:25: error: unexpected symbol near '<\226>'; baris ini berisi “ (U+201C), tanda kutip miring dari pengolah kata, halaman web atau ponsel: tulis " sebagai gantinya
-- A label pasted from a word processor or a chat brings curly quotation marks, which
-- Lua stops at: the message names the character and the one to type.
indikator {
  id = "layan", label = “Dilayani”, pembilang = "dilayani", lokal = true, target_lokal = true,
}
