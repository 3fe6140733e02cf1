module example.com/goread

go 1.19
