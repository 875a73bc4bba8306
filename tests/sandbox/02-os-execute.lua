-- expect: 99-case.lua:3: error: "os" tidak tersedia
-- Running a program.
os.execute("touch /tmp/rekap-sandbox-escaped")
