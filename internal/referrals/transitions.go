package referrals

import "fmt"

// The statuses in pipeline order; lost can follow any open status.
const (
	Invited   = "invited"
	Visited   = "visited"
	Booked    = "booked"
	Qualified = "qualified"
	Won       = "won"
	Lost      = "lost"
)

// order ranks the open statuses and won.
var order = map[string]int{Invited: 0, Visited: 1, Booked: 2, Qualified: 3, Won: 4}

// CheckMove says whether a referral may move from one status to another. It may
// move forward, skipping steps (a referee who calls sales directly goes
// from invited to qualified), or to lost from any open status. Won and lost
// are final, and nothing moves backward.
func CheckMove(from, to string) error {
	if from == to {
		return nil
	}
	_, known := order[to]
	if !known && to != Lost {
		return fmt.Errorf("%q is not a referral status: use invited, visited, booked, qualified, won or lost", to)
	}
	switch {
	case from == Won || from == Lost:
		return fmt.Errorf("a referral that is %s is final: it cannot move to %s", from, to)
	case to == Lost:
		return nil
	case order[to] < order[from]:
		return fmt.Errorf("a referral cannot move back from %s to %s", from, to)
	}
	return nil
}
