package views

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/rewards"
)

// wallPage is the public recognition wall.
type wallPage struct {
	Layout
	Entries []rewards.WallEntry
}

// thanks shows the recognition wall: the referrers who said yes to it.
func thanks(e *core.RequestEvent) error {
	entries, err := rewards.Wall(e.App, 200)
	if err != nil {
		return err
	}
	return render(e, http.StatusOK, "thanks", wallPage{Layout: layoutFor(e.App), Entries: entries})
}
