package intake_test

import (
	"fmt"
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
