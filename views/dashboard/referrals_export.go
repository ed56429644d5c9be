package dashboard

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/referrals"
)

// referralsExportHeader is the export's first line.
var referralsExportHeader = []string{"id", "created", "referee_name", "referee_email", "referee_company",
	"referrer_name", "referrer_email", "status", "pipeline_value", "won_value", "channel", "flagged"}

// referralsExport streams every referral that matches the list's filters as
// CSV, row by row, so a large program never sits in memory.
func referralsExport(e *core.RequestEvent) error {
	rows, err := referrals.StreamRows(e.App, referralFilterFrom(e.Request.URL.Query()))
	if err != nil {
		return err
	}
	defer rows.Close()

	h := e.Response.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="referrals-`+time.Now().UTC().Format("2006-01-02")+`.csv"`)
	h.Set("Cache-Control", "no-store")
	e.Response.WriteHeader(http.StatusOK)

	w := csv.NewWriter(e.Response)
	if err := w.Write(referralsExportHeader); err != nil {
		return nil // the client went away
	}
	for n := 1; rows.Next(); n++ {
		var r referrals.Row
		if err := rows.ScanStruct(&r); err != nil {
			e.App.Logger().Error("exporting referrals failed", "error", err)
			break
		}
		if err := w.Write(referralCSVRecord(r)); err != nil {
			return nil
		}
		if n%500 == 0 {
			w.Flush()
		}
	}
	w.Flush()
	return nil
}

// referralCSVRecord is one referral as a line of the export, under its header.
func referralCSVRecord(r referrals.Row) []string {
	record := []string{r.ID, r.Created.Time().UTC().Format(time.RFC3339), r.RefereeName, r.RefereeEmail, r.RefereeCompany,
		r.ReferrerName, r.ReferrerEmail, r.Status, referralCSVAmount(r.Pipeline), referralCSVAmount(r.Won), r.Channel, r.Flag}
	for i := range record {
		record[i] = referralCSVCell(record[i])
	}
	return record
}

// referralCSVAmount writes an amount without exponent or trailing zeros.
func referralCSVAmount(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// referralCSVCell defuses a value a spreadsheet would run as a formula: one
// starting with = + - @ (or a tab or carriage return) gets a leading quote.
func referralCSVCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
