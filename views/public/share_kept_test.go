package public

import (
	"testing"

	"warmloop/views/site"
)

// TestTheSharePageIsKeptBetweenViews holds the share page's data to what
// site.RenderKept keeps: were a field of it (the referrer's own record
// shown beside the form, say) not kept, every view of a share link would
// run the template again.
func TestTheSharePageIsKeptBetweenViews(t *testing.T) {
	if !site.Keepable(sharePage{}) {
		t.Error("the share page's data cannot be kept: every view renders it again")
	}
}
