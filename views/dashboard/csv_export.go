package dashboard

import (
	"encoding/csv"
	"net/http"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// streamCSV answers with a CSV download, name-<date>.csv: the header, then
// one line per row as record reads it, flushed every few hundred lines so a
// large program never sits in memory. It closes rows. Once the download has
// begun a failure can only end it early, so it is logged, not returned.
func streamCSV(e *core.RequestEvent, name string, header []string, rows *dbx.Rows, record func(*dbx.Rows) ([]string, error)) error {
	defer rows.Close()
	h := e.Response.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="`+name+`-`+time.Now().UTC().Format("2006-01-02")+`.csv"`)
	h.Set("Cache-Control", "no-store")
	e.Response.WriteHeader(http.StatusOK)

	w := csv.NewWriter(e.Response)
	if err := w.Write(header); err != nil {
		return nil // the client went away
	}
	for n := 1; rows.Next(); n++ {
		line, err := record(rows)
		if err != nil {
			e.App.Logger().Error("exporting "+name+" failed", "error", err)
			break
		}
		for i := range line {
			line[i] = csvCell(line[i])
		}
		if err := w.Write(line); err != nil {
			return nil
		}
		if n%500 == 0 {
			w.Flush()
		}
	}
	w.Flush()
	return nil
}

// csvCell defuses a value a spreadsheet would run as a formula: one
// starting with = + - @ (or a tab or carriage return) gets a leading quote.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
