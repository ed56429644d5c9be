package dashboard_test

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/metrics"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// largeFixture writes 100,000 customers, 300,000 asks, 50,000 referrals and
// 1,000,000 history rows with plain INSERTs in one transaction: the shape of
// a program some years old, spread over the last two years. The rows go in
// with the rollup triggers dropped and each INSERT prepared once; then
// metrics.EnsureRollups puts the triggers back and counts every row, as it
// does for a schema that lost them. (Row by row through the triggers the
// fixture took most of half an hour on a busy machine.)
func largeFixture(b *testing.B, app core.App) {
	rng := rand.New(rand.NewPCG(7, 11))
	now := time.Now().UTC()
	at := func() string {
		return now.Add(-time.Duration(rng.Int64N(int64(730 * 24 * time.Hour)))).Format("2006-01-02 15:04:05.000Z")
	}
	inc, _ := app.FindFirstRecordByFilter("incentives", "kind = 'recognition'")
	var triggers []string
	if err := app.DB().NewQuery("SELECT name FROM rollup_statements WHERE kind = 'trigger'").Column(&triggers); err != nil {
		b.Fatal(err)
	}
	err := app.RunInTransaction(func(tx core.App) error {
		for _, name := range triggers {
			if _, err := tx.DB().NewQuery("DROP TRIGGER " + name).Execute(); err != nil {
				return err
			}
		}
		prepared := map[string]*dbx.Query{}
		defer func() {
			for _, q := range prepared {
				_ = q.Close()
			}
		}()
		exec := func(sql string, args ...any) error {
			q, ok := prepared[sql]
			if !ok {
				q = tx.DB().NewQuery(sql).Prepare()
				if q.LastError != nil {
					return q.LastError
				}
				prepared[sql] = q
			}
			_, err := q.Bind(params(args)).Execute()
			return err
		}
		for i := range 100_000 {
			src := "direct"
			if i%20 == 0 {
				src = "referral"
			}
			if err := exec(`INSERT INTO customers (id, name, email, source, referral_code, created, updated)
				VALUES ({:p0}, {:p1}, {:p2}, {:p3}, {:p4}, {:p5}, {:p5})`,
				fmt.Sprintf("c%014d", i), fmt.Sprintf("Customer %d", i), fmt.Sprintf("c%d@bench.example", i), src,
				fmt.Sprintf("code%018d", i), at()); err != nil {
				return err
			}
		}
		statuses := []string{"sent", "sent", "sent", "sent", "sent", "sent", "clicked", "clicked", "referred", "failed"}
		kinds := []string{"nps", "renewal", "support_win"}
		for i := range 300_000 {
			moment := ""
			if i%3 == 0 {
				moment = fmt.Sprintf("m%014d", i)
				if err := exec(`INSERT INTO moments (id, customer, kind, source, decision, occurred_at, created, updated)
					VALUES ({:p0}, {:p1}, {:p2}, 'bench', 'asked', {:p3}, {:p3}, {:p3})`,
					moment, fmt.Sprintf("c%014d", rng.IntN(100_000)), kinds[rng.IntN(3)], at()); err != nil {
					return err
				}
			}
			sent := at()
			status := statuses[rng.IntN(len(statuses))]
			clicked := ""
			if status == "clicked" || status == "referred" {
				clicked = sent
			}
			if err := exec(`INSERT INTO asks (id, customer, moment, touch, token, unsubscribe_token, variant, incentive, cadence, status, sent_at, clicked_at, created, updated)
				VALUES ({:p0}, {:p1}, {:p2}, {:p3}, {:p4}, {:p10}, {:p5}, {:p6}, 'balanced', {:p7}, {:p8}, {:p9}, {:p8}, {:p8})`,
				fmt.Sprintf("a%014d", i), fmt.Sprintf("c%014d", rng.IntN(100_000)), moment, 1+rng.IntN(3),
				fmt.Sprintf("t%021d", i), []string{"thanks", "short", "reminder"}[rng.IntN(3)], inc.Id, status, sent, clicked,
				fmt.Sprintf("u%021d", i)); err != nil {
				return err
			}
		}
		flow := []string{"invited", "visited", "booked", "qualified", "won"}
		for i := range 50_000 {
			created := at()
			last := rng.IntN(len(flow))
			id := fmt.Sprintf("r%014d", i)
			if err := exec(`INSERT INTO referrals (id, referrer, ask, referee_name, referee_email, code, status, pipeline_value, won_value, channel, created, updated)
				VALUES ({:p0}, {:p1}, {:p2}, 'Referee', {:p3}, {:p4}, {:p5}, {:p6}, {:p7}, 'landing', {:p8}, {:p8})`,
				id, fmt.Sprintf("c%014d", rng.IntN(100_000)), fmt.Sprintf("a%014d", rng.IntN(300_000)),
				fmt.Sprintf("r%d@else.example", i), fmt.Sprintf("code%018d", i), flow[last],
				float64(10_000*(last/3)), float64(10_000*(last/4)), created); err != nil {
				return err
			}
			// 20 history rows each: the moves, then notes on the last status.
			for j := range 20 {
				from, to := "", flow[min(j, last)]
				if j > 0 {
					from = flow[min(j-1, last)]
				}
				if err := exec(`INSERT INTO referral_events (id, referral, from_status, to_status, at, created, updated)
					VALUES ({:p0}, {:p1}, {:p2}, {:p3}, {:p4}, {:p4}, {:p4})`,
					fmt.Sprintf("e%014d", i*20+j), id, from, to, created); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if err := metrics.EnsureRollups(app); err != nil {
		b.Fatal(err)
	}
}

func params(args []any) map[string]any {
	p := map[string]any{}
	for i, a := range args {
		p[fmt.Sprintf("p%d", i)] = a
	}
	return p
}

// BenchmarkOverviewOnALargeProgram times, on the large fixture:
//
//   - cold-365d: the first read of every figure for the last 365 days
//     (metrics.Build: the overview and the previous period, trends,
//     breakdowns, loop, projection and leaderboard), what an admin waits for
//     when no report is kept, and what the background refresh costs;
//
//   - part=…: each of Build's reads on its own;
//
//   - warm: GET /dashboard?days=365 rendered from the kept report;
//
//   - count: one SELECT COUNT(*) over asks, the baseline of the same run.
//
//     go test -run '^$' -bench OverviewOnALargeProgram -benchtime 1x -timeout 40m ./views/dashboard/
func BenchmarkOverviewOnALargeProgram(b *testing.B) {
	app := testapp.New(b)
	largeFixture(b, app)
	srv := webtest.Server(b, app)
	get := func(b *testing.B) {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/dashboard?days=365", nil)
		req.Header.Set("Cookie", "warmloop_session="+testapp.SuperuserToken)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			b.Fatalf("overview: %s", res.Status)
		}
	}
	year := func() (time.Time, time.Time) { return time.Now().AddDate(0, 0, -365), time.Now() }
	// ms reports the mean time of an iteration in milliseconds.
	ms := func(b *testing.B, run func()) {
		start := time.Now()
		for range b.N {
			run()
		}
		b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms")
	}
	fail := func(b *testing.B, err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	get(b) // keeps the report of the range, and warms SQLite's cache
	b.Run("cold-365d", func(b *testing.B) {
		ms(b, func() {
			from, to := year()
			_, err := metrics.Build(app, from, to)
			fail(b, err)
		})
	})
	parts := []struct {
		name string
		read func(from, to time.Time) error
	}{
		{"overview", func(from, to time.Time) error { _, err := metrics.Compute(app, from, to); return err }},
		{"breakdowns", func(from, to time.Time) error { _, err := metrics.Breakdowns(app, from, to); return err }},
		{"trend", func(from, to time.Time) error { _, err := metrics.Trend(app, from, to, time.UTC); return err }},
		{"loop", func(time.Time, time.Time) error { _, err := metrics.ComputeLoop(app); return err }},
		{"leaders", func(from, to time.Time) error { _, err := metrics.Leaders(app, from, to, 10); return err }},
	}
	for _, p := range parts {
		b.Run("part="+p.name, func(b *testing.B) {
			ms(b, func() { fail(b, p.read(year())) })
		})
	}
	b.Run("warm", func(b *testing.B) { ms(b, func() { get(b) }) })
	b.Run("count", func(b *testing.B) {
		ms(b, func() {
			var n int
			if err := app.DB().NewQuery("SELECT COUNT(*) FROM asks").Row(&n); err != nil || n != 300_000 {
				b.Fatalf("count %d, %v", n, err)
			}
		})
	})
}
