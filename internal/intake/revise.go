package intake

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Revise stores a re-sent answer on the one moment already recorded for
// (source, r.ID), when r.Revision is higher than the revision that moment
// holds: the new score and comment are kept, with the revision. An older or
// equal revision, arriving late or again, changes nothing. It reports
// whether the moment changed.
//
// The ask rule is not run again: its decision stands, and any ask it made
// was made for the answer as it then was. A promoter who lowers the score
// afterwards keeps the ask already sent (the cadence and the touch limit
// decide what follows), and a detractor who raises it is not asked for
// this answer: one answer fires the rule once, however often it is edited.
func Revise(app core.App, source string, r NPSResponse) (bool, error) {
	changed := false
	err := app.RunInTransaction(func(tx core.App) error {
		m, err := tx.FindFirstRecordByFilter("moments", "source = {:source} && external_id = {:id}",
			dbx.Params{"source": source, "id": r.ID})
		if err != nil {
			return err
		}
		if int64(m.GetInt("revision")) >= r.Revision {
			return nil
		}
		m.Set("revision", r.Revision)
		if m.GetString("kind") == "nps" {
			m.Set("score", r.Score)
		}
		m.Set("comment", r.Comment)
		changed = true
		return tx.Save(m)
	})
	return changed, err
}
