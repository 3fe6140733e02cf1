// Command sqlitework runs a sqlite workload through go-sqlite3 (with the
// libsqlite3 tag, so that the C library is linked, not compiled in):
//
//	sqlitework -n 100000 DB-FILE
//
// 100,000 rows inserted in transactions of 1,000, an index, then indexed
// point queries and range scans. It prints the rows and a checksum.
package main

import (
	"database/sql"
	"flag"
	"fmt"
	"os"

	_ "github.com/mattn/go-sqlite3"
)

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "sqlitework:", err)
		os.Exit(1)
	}
}

func main() {
	n := flag.Int("n", 100000, "rows")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: sqlitework [-n ROWS] DB-FILE")
		os.Exit(2)
	}
	os.Remove(flag.Arg(0))
	db, err := sql.Open("sqlite3", flag.Arg(0))
	must(err)
	defer db.Close()
	_, err = db.Exec("PRAGMA journal_mode=WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER, name TEXT, payload BLOB)")
	must(err)
	payload := make([]byte, 300)
	for i := range payload {
		payload[i] = byte(i)
	}
	for i := 0; i < *n; {
		tx, err := db.Begin()
		must(err)
		st, err := tx.Prepare("INSERT INTO t (k, name, payload) VALUES (?, ?, ?)")
		must(err)
		for j := 0; j < 1000 && i < *n; j, i = j+1, i+1 {
			_, err = st.Exec((i*7919)%(*n), fmt.Sprintf("name-%d", i), payload)
			must(err)
		}
		st.Close()
		must(tx.Commit())
	}
	_, err = db.Exec("CREATE INDEX tk ON t (k)")
	must(err)
	sum := 0
	q, err := db.Prepare("SELECT id, name FROM t WHERE k = ?")
	must(err)
	for i := 0; i < *n/2; i++ {
		var id int
		var name string
		if q.QueryRow((i*31)%(*n)).Scan(&id, &name) == nil {
			sum += id + len(name)
		}
	}
	for i := 0; i < 200; i++ {
		rows, err := db.Query("SELECT k, length(payload) FROM t WHERE k BETWEEN ? AND ? ORDER BY k", i*100, i*100+500)
		must(err)
		for rows.Next() {
			var k, l int
			must(rows.Scan(&k, &l))
			sum += k + l
		}
		rows.Close()
	}
	fmt.Printf("%d rows, checksum %d\n", *n, sum)
}
