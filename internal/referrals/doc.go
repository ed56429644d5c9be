// Package referrals is everything that happens to an introduction: the
// referrer's form and its checks, the duplicate and self-referral rules
// (comparing addresses by customers.MatchKey), the one transaction that
// writes a referral with its history and its emails (refer.go), the share
// link's confirmation, without which a referral someone made of themself
// counts for nothing (confirm.go), the pipeline a referral moves through
// and the history of every move (transitions.go, events.go), the referee's
// booking and decline, the loop that makes a won referee a customer, and
// the notes and webhooks each move sets off.
package referrals
