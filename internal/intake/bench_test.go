package intake_test

import (
	"fmt"
	"sync/atomic"
	"testing"

	"warmloop/internal/intake"
	"warmloop/tests/schemaapp"
)

// BenchmarkRecordPromoter records promoter answers from new customers: each
// writes a customer, a moment, an ask and an outbox row in one transaction.
func BenchmarkRecordPromoter(b *testing.B) {
	app := schemaapp.New(b)
	for i := 0; b.Loop(); i++ {
		_, err := intake.Record(app, intake.Moment{
			Email: fmt.Sprintf("p%d@bench.example", i), Kind: "nps", Score: 10,
			Source: "generic", ExternalID: fmt.Sprint("r", i),
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCommitterPromoters records promoter answers from new customers
// sent by 32 concurrent callers through one Committer, which writes those
// that arrive together in one transaction.
func BenchmarkCommitterPromoters(b *testing.B) {
	app := schemaapp.New(b)
	c := intake.NewCommitter(app)
	defer c.Close()
	var n atomic.Int64
	b.SetParallelism(16) // 32 callers on two cores
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			_, err := c.Record(intake.Moment{
				Email: fmt.Sprintf("c%d@bench.example", i), Kind: "nps", Score: 10,
				Source: "generic", ExternalID: fmt.Sprint("c", i),
			})
			if err != nil {
				b.Error(err)
				return
			}
		}
	})
}
