package asks

import (
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/program"
)

// WouldDecide is what the ask rule would decide for moment m of customer
// (nil for a person Warmloop does not know yet) at now, reading the
// program and the customer and writing nothing: a preview's answer.
func WouldDecide(app core.App, customer *core.Record, m Moment, now time.Time) (Decision, error) {
	settings, err := program.Load(app)
	if err != nil {
		return "", err
	}
	state := Customer{}
	if customer != nil {
		if state, err = customerState(app, customer); err != nil {
			return "", err
		}
	}
	return RulesOf(settings).Decide(m, state, now), nil
}
