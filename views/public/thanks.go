package public

import (
	"net/http"
	"strconv"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/rewards"
	"warmloop/views/site"
)

// wallPage is the public recognition wall.
type wallPage struct {
	site.Layout
	Entries []rewards.WallEntry
}

// wallMaxAge bounds how long the rendered wall is kept. A change made
// through this server renders it again at once (rewards.WallVersion); this
// bound is for a change it cannot see, made by a command such as
// `warmloop privacy erase` running beside it.
const wallMaxAge = 5 * time.Second

// thanks shows the recognition wall: the referrers who said yes to it. The
// page is anyone's to open as often as they like and its query grows with
// the program, so it is kept rendered until what it shows changes.
func thanks(e *core.RequestEvent) error {
	key := "thanks\x00" + strconv.FormatUint(rewards.WallVersion(e.App), 10)
	html, err := site.CachedPageFor(e.App, key, wallMaxAge, func() ([]byte, error) {
		entries, err := rewards.Wall(e.App, rewards.WallSize)
		if err != nil {
			return nil, err
		}
		return renderPage("thanks", wallPage{Layout: site.LayoutFor(e.App), Entries: entries})
	})
	if err != nil {
		return err
	}
	return site.WritePage(e, http.StatusOK, html)
}
