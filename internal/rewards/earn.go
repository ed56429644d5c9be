package rewards

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/chat"
	"warmloop/internal/mail"
	"warmloop/internal/program"
)

// Recompute counts a referrer's referrals and wins, leaving out referrals
// flagged for review, and records a reward for every tier newly crossed,
// with an email to the referrer and a note in the team's chat, in the
// caller's transaction. The referral
// that crossed the tiers is recorded on them. Write transactions are
// serialised and (referrer, tier) is unique, so a tier is rewarded exactly
// once however many wins arrive together.
func Recompute(tx core.App, referrerID, referralID string) ([]*core.Record, error) {
	var counts struct {
		Referrals int `db:"referrals"`
		Wins      int `db:"wins"`
	}
	err := tx.DB().NewQuery(`SELECT COUNT(*) AS referrals, COALESCE(SUM(status = 'won'), 0) AS wins
		FROM referrals WHERE referrer = {:r} AND flag = ''`).Bind(dbx.Params{"r": referrerID}).One(&counts)
	if err != nil {
		return nil, err
	}
	tierRecs, err := tx.FindRecordsByFilter("tiers", "", "counts,threshold", 0, 0)
	if err != nil {
		return nil, err
	}
	tiers := make([]Tier, len(tierRecs))
	byID := map[string]*core.Record{}
	for i, t := range tierRecs {
		tiers[i] = Tier{ID: t.Id, Threshold: t.GetInt("threshold"), Counts: t.GetString("counts")}
		byID[t.Id] = t
	}
	var had []struct {
		Tier string `db:"tier"`
	}
	if err := tx.DB().Select("tier").From("rewards").Where(dbx.HashExp{"referrer": referrerID}).All(&had); err != nil {
		return nil, err
	}
	rewarded := map[string]bool{}
	for _, h := range had {
		rewarded[h.Tier] = true
	}
	coll, err := tx.FindCachedCollectionByNameOrId("rewards")
	if err != nil {
		return nil, err
	}
	var earned []*core.Record
	for _, t := range Crossed(tiers, counts.Referrals, counts.Wins, rewarded) {
		r := core.NewRecord(coll)
		r.Set("referrer", referrerID)
		r.Set("tier", t.ID)
		r.Set("incentive", byID[t.ID].GetString("incentive"))
		r.Set("referral", referralID)
		r.Set("status", Earned)
		if err := tx.Save(r); err != nil {
			return nil, fmt.Errorf("recording the %s reward: %w", byID[t.ID].GetString("name"), err)
		}
		if err := mail.QueueNotice(tx, "reward_earned", r); err != nil {
			return nil, err
		}
		if err := chatNote(tx, r); err != nil {
			return nil, err
		}
		earned = append(earned, r)
	}
	return earned, nil
}

// chatNote tells the team's chat that a reward waits for approval.
func chatNote(tx core.App, reward *core.Record) error {
	s, err := program.Load(tx)
	if err != nil {
		return err
	}
	return chat.Reward(tx, s, reward)
}

// QueueFulfilled tells the referrer their reward is on its way.
func QueueFulfilled(tx core.App, reward *core.Record) error {
	return mail.QueueNotice(tx, "reward_fulfilled", reward)
}
