package dashboard

import (
	"strconv"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/referrals"
)

// referralsExportHeader is the export's first line.
var referralsExportHeader = []string{"id", "created", "referee_name", "referee_email", "referee_company",
	"referrer_name", "referrer_email", "status", "pipeline_value", "won_value", "channel", "flagged"}

// referralsExport streams every referral that matches the list's filters as CSV.
func referralsExport(e *core.RequestEvent) error {
	rows, err := referrals.StreamRows(e.App, referralFilterFrom(e.Request.URL.Query()))
	if err != nil {
		return err
	}
	return streamCSV(e, "referrals", referralsExportHeader, rows, func(rows *dbx.Rows) ([]string, error) {
		var r referrals.Row
		err := rows.ScanStruct(&r)
		return referralCSVRecord(r), err
	})
}

// referralCSVRecord is one referral as a line of the export, under its header.
func referralCSVRecord(r referrals.Row) []string {
	record := []string{r.ID, r.Created.Time().UTC().Format(time.RFC3339), r.RefereeName, r.RefereeEmail, r.RefereeCompany,
		r.ReferrerName, r.ReferrerEmail, r.Status, referralCSVAmount(r.Pipeline), referralCSVAmount(r.Won), r.Channel, r.Flag}
	return record
}

// referralCSVAmount writes an amount without exponent or trailing zeros.
func referralCSVAmount(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
