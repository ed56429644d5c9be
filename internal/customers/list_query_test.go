package customers_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/customers"
	"warmloop/tests/schemaapp"
)

func TestMain(m *testing.M) { schemaapp.Main(m) }

// listApp has four customers, created a minute apart in this order: Ana (a
// referrer, Northwind), Cara (imported, opted out), Dan (referral) and
// Under Score, whose email has an underscore.
func listApp(t *testing.T) core.App {
	t.Helper()
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", map[string]any{"company": "Northwind"})
	cara := schemaapp.Customer(t, app, "Cara Diaz", "cara@corvid.example", map[string]any{"source": "import", "opted_out": true})
	dan := schemaapp.Customer(t, app, "Dan Reyes", "dan@drumlin.example", map[string]any{"source": "referral"})
	under := schemaapp.Customer(t, app, "Under Score", "fresh_start@under.example", nil)
	at := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	for i, c := range []*core.Record{ana, cara, dan, under} {
		backdate(t, app, "customers", c.Id, at.Add(time.Duration(i)*time.Minute))
	}
	for _, name := range []string{"Ben Okafor", "Bo Park"} {
		schemaapp.Save(t, app, "referrals", map[string]any{
			"referrer": ana.Id, "referee_name": name, "referee_email": fmt.Sprintf("%d@bluepeak.example", len(name)),
			"status": "invited", "channel": "landing",
		})
	}
	return app
}

// backdate sets when a record was created, which a save always sets to now.
func backdate(t *testing.T, app core.App, collection, id string, at time.Time) {
	t.Helper()
	created, err := types.ParseDateTime(at)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.DB().Update(collection, dbx.Params{"created": created}, dbx.HashExp{"id": id}).Execute(); err != nil {
		t.Fatal(err)
	}
}

// listed lists the names of the customers a filter finds, and fails unless
// Count agrees with List.
func listed(t *testing.T, app core.App, f customers.Filter) []string {
	t.Helper()
	rows, err := customers.List(app, f, 100, 0)
	if err != nil {
		t.Fatal(err)
	}
	n, err := customers.Count(app, f)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(rows) {
		t.Errorf("Count(%+v) = %d, but List found %d", f, n, len(rows))
	}
	var names []string
	for _, r := range rows {
		names = append(names, r.Name)
	}
	return names
}

func TestListFilters(t *testing.T) {
	app := listApp(t)
	cases := []struct {
		name   string
		filter customers.Filter
		want   []string
	}{
		{"an empty filter lists everyone, newest first", customers.Filter{},
			[]string{"Under Score", "Dan Reyes", "Cara Diaz", "Ana Lima"}},
		{"the customer search takes an underscore literally", customers.Filter{Q: "fresh_"}, []string{"Under Score"}},
		{"the customer search reads the email", customers.Filter{Q: "cara@corvid"}, []string{"Cara Diaz"}},
		{"the customer search reads the company, whatever its case", customers.Filter{Q: "NORTHWIND"}, []string{"Ana Lima"}},
		{"the source filter keeps that source only", customers.Filter{Source: "import"}, []string{"Cara Diaz"}},
		{"the opted-out state keeps opted-out customers only", customers.Filter{State: customers.StateOptedOut}, []string{"Cara Diaz"}},
		{"the askable state leaves opted-out customers out", customers.Filter{State: customers.StateAskable},
			[]string{"Under Score", "Dan Reyes", "Ana Lima"}},
		{"the referred state keeps customers who referred someone", customers.Filter{State: customers.StateReferred}, []string{"Ana Lima"}},
		{"an unknown state narrows nothing", customers.Filter{State: "vip"},
			[]string{"Under Score", "Dan Reyes", "Cara Diaz", "Ana Lima"}},
		{"search, source and state narrow together", customers.Filter{Q: "example", Source: "direct", State: customers.StateReferred},
			[]string{"Ana Lima"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := listed(t, app, c.filter); !slices.Equal(got, c.want) {
				t.Errorf("listed %q, want %q", got, c.want)
			}
		})
	}
}

func TestListPagesAndCountsReferrals(t *testing.T) {
	app := listApp(t)
	t.Run("the list pages with limit and offset", func(t *testing.T) {
		rows, err := customers.List(app, customers.Filter{}, 2, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 2 || rows[0].Name != "Cara Diaz" || rows[1].Name != "Ana Lima" {
			t.Errorf("page 2 of 2 a page is %+v, want Cara then Ana", rows)
		}
	})
	t.Run("each row counts the customer's referrals and carries their state", func(t *testing.T) {
		rows, err := customers.List(app, customers.Filter{}, 100, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			want := map[string]int{"Ana Lima": 2}[r.Name]
			if r.Referrals != want {
				t.Errorf("%s has %d referrals, want %d", r.Name, r.Referrals, want)
			}
			if r.OptedOut != (r.Name == "Cara Diaz") || r.ID == "" || r.Email == "" || r.Source == "" {
				t.Errorf("row %+v", r)
			}
		}
	})
	t.Run("the filter is empty only when it narrows nothing", func(t *testing.T) {
		if !(customers.Filter{}).Empty() || (customers.Filter{State: customers.StateReferred}).Empty() {
			t.Error("Empty is wrong")
		}
	})
}
