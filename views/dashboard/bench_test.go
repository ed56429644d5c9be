package dashboard_test

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/metrics"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// largeFixture writes 100,000 customers, 300,000 asks, 50,000 referrals and
// 1,000,000 history rows with plain INSERTs in one transaction: the shape of
// a program some years old, spread over the last two years.
func largeFixture(b *testing.B, app core.App) {
	rng := rand.New(rand.NewPCG(7, 11))
	now := time.Now().UTC()
	at := func() string {
		return now.Add(-time.Duration(rng.Int64N(int64(730 * 24 * time.Hour)))).Format("2006-01-02 15:04:05.000Z")
	}
	inc, _ := app.FindFirstRecordByFilter("incentives", "kind = 'recognition'")
	err := app.RunInTransaction(func(tx core.App) error {
		exec := func(sql string, args ...any) error {
			_, err := tx.DB().NewQuery(sql).Bind(params(args)).Execute()
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
			if err := exec(`INSERT INTO asks (id, customer, moment, touch, token, variant, incentive, cadence, status, sent_at, clicked_at, created, updated)
				VALUES ({:p0}, {:p1}, {:p2}, {:p3}, {:p4}, {:p5}, {:p6}, 'balanced', {:p7}, {:p8}, {:p9}, {:p8}, {:p8})`,
				fmt.Sprintf("a%014d", i), fmt.Sprintf("c%014d", rng.IntN(100_000)), moment, 1+rng.IntN(3),
				fmt.Sprintf("t%021d", i), []string{"thanks", "short", "reminder"}[rng.IntN(3)], inc.Id, status, sent, clicked); err != nil {
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
}

func params(args []any) map[string]any {
	p := map[string]any{}
	for i, a := range args {
		p[fmt.Sprintf("p%d", i)] = a
	}
	return p
}

// BenchmarkOverviewOnALargeProgram times GET /dashboard (every figure, the
// previous period, the trends, breakdowns, loop, projection and leaderboard,
// rendered) on the large fixture, against one SELECT COUNT(*) over asks, in
// the same run. The page serves the kept report of its range, so the first
// read of the figures (metrics.Build, what the background refresh costs) is
// timed on its own as cold-ms.
//
//	go test -run '^$' -bench OverviewOnALargeProgram -benchtime 20x -timeout 30m ./views/
func BenchmarkOverviewOnALargeProgram(b *testing.B) {
	app := testapp.New(b)
	largeFixture(b, app)
	srv := webtest.Server(b, app)
	get := func() time.Duration {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/dashboard?days=365", nil)
		req.Header.Set("Cookie", "warmloop_session="+testapp.SuperuserToken)
		start := time.Now()
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			b.Fatalf("overview: %s", res.Status)
		}
		return time.Since(start)
	}
	count := func() time.Duration {
		start := time.Now()
		var n int
		if err := app.DB().NewQuery("SELECT COUNT(*) FROM asks").Row(&n); err != nil || n != 300_000 {
			b.Fatalf("count %d, %v", n, err)
		}
		return time.Since(start)
	}
	get() // warm the kept report and SQLite's cache
	start := time.Now()
	if _, err := metrics.Build(app, time.Now().AddDate(0, 0, -365), time.Now()); err != nil {
		b.Fatal(err)
	}
	cold := time.Since(start)
	var overview, counts []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		overview = append(overview, get())
		counts = append(counts, count())
	}
	slices.Sort(overview)
	slices.Sort(counts)
	med := func(d []time.Duration) float64 { return float64(d[len(d)/2].Microseconds()) / 1000 }
	b.ReportMetric(med(overview), "overview-ms")
	b.ReportMetric(med(counts), "count-ms")
	b.ReportMetric(med(overview)/med(counts), "ratio")
	b.ReportMetric(float64(cold.Microseconds())/1000, "cold-ms")
	b.ReportMetric(float64(cold.Microseconds())/1000/med(counts), "cold-ratio")
}
