package public

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/rewards"
	"warmloop/views/site"
)

// wallPage is the public recognition wall.
type wallPage struct {
	site.Layout
	Entries []rewards.WallEntry
}

// thanks shows the recognition wall: the referrers who said yes to it.
func thanks(e *core.RequestEvent) error {
	entries, err := rewards.Wall(e.App, 200)
	if err != nil {
		return err
	}
	return render(e, http.StatusOK, "thanks", wallPage{Layout: site.LayoutFor(e.App), Entries: entries})
}
