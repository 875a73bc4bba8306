-- expect: 99-case.lua:4: error: berhenti near '
-- A rule's own message ending in Lua's "near '": nothing after it is read (a message
-- of Lua's own always names a token there).
error("berhenti near '")
