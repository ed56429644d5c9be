package chat

import (
	"math"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
	"warmloop/internal/money"
	"warmloop/internal/outbox"
	"warmloop/internal/program"
)

// The notes, as their outbox rows name them.
const (
	EventCreated = "chat.referral_created"
	EventBooked  = "chat.referral_booked"
	EventWon     = "chat.referral_won"
	EventReward  = "chat.reward_earned"
	EventSummary = "chat.weekly_summary"
)

// Queue puts a note in the outbox for the settings' chat webhook, in the
// caller's transaction; with no chat webhook set it does nothing. about
// names the record the note is about (see outbox.QueueChat).
func Queue(tx core.App, s program.Settings, event string, about map[string]string, m Message) error {
	if s.ChatWebhookURL == "" {
		return nil
	}
	return outbox.QueueChat(tx, s.ChatWebhookURL, event, about, Body(s.ChatWebhookURL, m))
}

// ReferralLink is a referral's own page in the dashboard.
func ReferralLink(app core.App, referralID string) string {
	return program.BaseURL(app) + "/dashboard/referrals/" + referralID
}

// RewardsLink is the rewards waiting for approval in the dashboard.
func RewardsLink(app core.App) string {
	return program.BaseURL(app) + "/dashboard/rewards?status=earned"
}

// Referral queues the note of a referral made (EventCreated), booked
// (EventBooked) or won (EventWon), linking to the referral's page.
func Referral(tx core.App, s program.Settings, event string, referral *core.Record) error {
	if s.ChatWebhookURL == "" {
		return nil
	}
	referrer, err := tx.FindRecordById("customers", referral.GetString("referrer"))
	if err != nil {
		return err
	}
	m := ReferralNote(event, ReferralFacts{
		Referee: referral.GetString("referee_name"), RefereeCompany: referral.GetString("referee_company"),
		Referrer: referrer.GetString("name"), ReferrerCompany: referrer.GetString("company"),
		WonValue: referral.GetFloat("won_value"), Currency: s.CurrencyCode(),
	}, ReferralLink(tx, referral.Id))
	return Queue(tx, s, event, map[string]string{"referral": referral.Id}, m)
}

// ReferralFacts are what a referral's note says: who was introduced, by
// whom, and what a win is worth, in which currency (ISO 4217).
type ReferralFacts struct {
	Referee, RefereeCompany   string
	Referrer, ReferrerCompany string
	WonValue                  float64
	Currency                  string
}

// ReferralNote is the note of a referral made, booked or won.
func ReferralNote(event string, f ReferralFacts, link string) Message {
	referee := Line{Typed(f.Referee)}
	if f.RefereeCompany != "" {
		referee = append(referee, Say(" ("), Typed(f.RefereeCompany), Say(")"))
	}
	by := Line{Say(", introduced by "), Typed(f.Referrer)}
	if f.ReferrerCompany != "" {
		by = append(by, Say(" of "), Typed(f.ReferrerCompany))
	}
	var line Line
	switch event {
	case EventBooked:
		line = join(referee, Line{Say(" booked a meeting")}, by, Line{Say(".")})
	case EventWon:
		worth := Line{Say(" is now a customer")}
		if f.WonValue > 0 {
			// The notes speak English, whatever the program's default
			// language, so their sums are written the English way too.
			worth = Line{Say(" is now a customer, worth " + money.Format(f.WonValue, f.Currency, locale.English))}
		}
		line = join(Line{Say("Won: ")}, referee, worth, by, Line{Say(".")})
	default:
		line = join(Line{Say("New referral: ")}, referee, by, Line{Say(".")})
	}
	return Message{Lines: []Line{line}, Link: link, LinkText: "Open the referral"}
}

// Reward queues the note of a reward earned and waiting for approval,
// linking to the rewards queue.
func Reward(tx core.App, s program.Settings, reward *core.Record) error {
	if s.ChatWebhookURL == "" {
		return nil
	}
	name := func(collection, id, field string) string {
		if r, err := tx.FindRecordById(collection, id); err == nil {
			return r.GetString(field)
		}
		return ""
	}
	m := RewardNote(name("customers", reward.GetString("referrer"), "name"),
		name("incentives", reward.GetString("incentive"), "name"), name("tiers", reward.GetString("tier"), "name"), RewardsLink(tx))
	return Queue(tx, s, EventReward, map[string]string{"reward": reward.Id}, m)
}

// RewardNote is the note of a reward earned: who, what, and that it waits
// for approval.
func RewardNote(referrer, incentive, tier, link string) Message {
	line := Line{Typed(referrer), Say(" earned a reward")}
	if incentive != "" {
		line = append(line, Say(": "), Typed(incentive))
	}
	if tier != "" {
		line = append(line, Say(" (tier "), Typed(tier), Say(")"))
	}
	line = append(line, Say(". It waits for your approval."))
	return Message{Lines: []Line{line}, Link: link, LinkText: "Open the rewards queue"}
}

// join puts lines' parts one after another.
func join(lines ...Line) Line {
	var out Line
	for _, l := range lines {
		out = append(out, l...)
	}
	return out
}

// Amount writes a value rounded to a whole number, its thousands
// separated by commas: 18500.4 → "18,500".
func Amount(f float64) string {
	digits := strconv.FormatFloat(math.Abs(math.Round(f)), 'f', 0, 64)
	var b strings.Builder
	if math.Round(f) < 0 {
		b.WriteByte('-')
	}
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return b.String()
}

// TestNote is the note the settings' "Send a test message" posts.
func TestNote(companyName, link string) Message {
	return Message{Lines: []Line{{Say("Test message from "), Typed(companyName),
		Say("'s referral program: new referrals, bookings, wins, rewards to approve and the weekly summary will be posted here.")}},
		Link: link, LinkText: "Open the settings"}
}
