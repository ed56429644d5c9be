package demo

import (
	"fmt"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/customers"
	"warmloop/internal/metrics"
	"warmloop/internal/pages"
	"warmloop/internal/program"
	"warmloop/internal/referrals"
	"warmloop/internal/rewards"
	"warmloop/internal/text"
)

// Summary says what a seed run wrote.
type Summary struct {
	AlreadySeeded                                      bool
	Customers, Moments, Asks, Referrals, Rewards, Mail int
}

// String is the one-line report the CLI prints.
func (s Summary) String() string {
	if s.AlreadySeeded {
		return "demo program already present: nothing added"
	}
	return "demo program seeded: " + strings.Join([]string{
		text.Count(s.Customers, "customer", "customers"), text.Count(s.Moments, "moment", "moments"),
		text.Count(s.Asks, "ask", "asks"), text.Count(s.Referrals, "referral", "referrals"),
		text.Count(s.Rewards, "reward", "rewards"), text.Count(s.Mail, "email", "emails"),
	}, ", ") + " in the outbox"
}

// DemoCompany is the company the demo program runs for.
const DemoCompany = "Brightwave Analytics"

// Seed writes the demo program ending at now into app, in one transaction.
// It is idempotent: when the demo's first customer exists it writes nothing.
//
// The demo writes a past that already happened, so its saves set off
// nothing: they go through app.UnsafeWithoutHooks(), and the writer does
// itself what the record hooks would have done to the rows (see hookless.go).
func Seed(app core.App, now time.Time) (Summary, error) {
	plan := NewPlan(now)
	if _, err := app.FindFirstRecordByData("customers", "email", plan.Customers[0].Email); err == nil {
		return Summary{AlreadySeeded: true}, nil
	}
	var sum Summary
	err := app.RunInTransaction(func(tx core.App) error {
		w, err := newWriter(tx)
		if err != nil {
			return err
		}
		sum, err = w.write(plan)
		return err
	})
	// Even on failure: the transaction may have read its own settings into
	// the kept ones.
	refreshCaches(app)
	return sum, err
}

// refreshCaches does once what the hooks' after-commit reactions would have
// done for every seeded row: the dashboard's kept figures, the rendered
// pages, the kept settings, the referrers' kept records, the share links'
// customers and the Wall of Thanks are all read again.
func refreshCaches(app core.App) {
	metrics.Changed(app)
	pages.Forget(app)
	program.Forget(app)
	referrals.ForgetRecords(app)
	customers.ForgetSharers(app)
	rewards.WallChanged(app)
}

// writer turns a Plan into records, keeping the ids it hands out.
type writer struct {
	app  core.App // the transaction: reads and validation
	bare core.App // the same transaction without hooks: writes
	coll map[string]*core.Collection
	// settings are the program's, as the hooks read them
	settings program.Settings
	// ids of the written records, by plan index
	customers, moments, asks, referrals []string
	tiers, incentiveByTier              map[string]string
	incentiveOnOffer                    string
}

// newWriter prepares a writer in the transaction tx and gives the program
// the demo company's settings.
func newWriter(tx core.App) (*writer, error) {
	w := &writer{app: tx, bare: tx.UnsafeWithoutHooks(), coll: map[string]*core.Collection{},
		tiers: map[string]string{}, incentiveByTier: map[string]string{}}
	for _, name := range []string{"customers", "moments", "asks", "referrals", "referral_events", "rewards", "outbox"} {
		c, err := tx.FindCollectionByNameOrId(name)
		if err != nil {
			return nil, err
		}
		w.coll[name] = c
	}
	tiers, err := tx.FindAllRecords("tiers")
	if err != nil {
		return nil, err
	}
	for _, t := range tiers {
		w.tiers[t.GetString("name")] = t.Id
		w.incentiveByTier[t.GetString("name")] = t.GetString("incentive")
	}
	if err := w.writeSettings(); err != nil {
		return nil, err
	}
	return w, nil
}

// writeSettings names the demo company, its sender and its sales inbox.
func (w *writer) writeSettings() error {
	settings, err := w.app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		return fmt.Errorf("the settings record is missing; run the migrations first: %w", err)
	}
	settings.Set("company_name", DemoCompany)
	settings.Set("sender_name", "Maya Chen, Brightwave Analytics")
	settings.Set("sender_address", "maya@brightwave.example")
	settings.Set("sales_inbox", "sales@brightwave.example")
	settings.Set("booking_url", "https://cal.com/brightwave/intro")
	if err := w.update(settings); err != nil {
		return err
	}
	w.incentiveOnOffer = settings.GetString("current_incentive")
	w.settings, err = program.Load(w.app)
	return err
}

// dt is t as a record date.
func dt(t time.Time) types.DateTime {
	d, _ := types.ParseDateTime(t)
	return d
}

// setTime sets a date field, leaving it empty for the zero time.
func setTime(r *core.Record, field string, t time.Time) {
	if t.IsZero() {
		return
	}
	r.Set(field, dt(t))
}
