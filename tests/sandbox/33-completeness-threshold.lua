-- expect: 99-case.lua:4: error: ambang_kelengkapan: persen harus antara 0 dan 100
-- The completeness threshold of the published quarter is a percentage: 120
-- is refused at its line rather than warning about every quarter.
ambang_kelengkapan(120)
