#!/usr/bin/env bash
# bench/load.sh: the load figures of issue 16, each beside its baseline in
# the same run, measured with wrk over loopback against the real binary.
#
#   bash bench/load.sh
#
# It builds the warmloop binary, plain PocketBase (bench/plainpb) and a bare
# net/http server (bench/bare); seeds the demo program into a fresh data dir;
# switches PocketBase's rate limiter off through the REST API as a superuser
# (the shipped default stays on); and runs, each after a short warm-up (P2
# first, see where it runs):
#   P1  the public pages at 64 connections, each against GET /api/health on
#       the same binary (and the bare server serving the landing page's bytes);
#   P2  POST /hooks/nps/generic, a new promoter each time, against plain
#       PocketBase's record create, at 32 connections;
#   P6  the peak RSS (VmHWM) of a fresh Warmloop process serving the P1 and
#       P2 loads again, without the baselines (whose request log, held in
#       memory until written, would count too).
# It prints the rows as a markdown table. Nothing is left behind but the
# temporary directory it names, removed at the end unless KEEP=1.
#
# Settings (environment): DURATION (10s), WARMUP (2s), P6_DURATION (5s), THREADS (2),
# PORT (18090; PORT+1 and PORT+2 are used too), KEEP (0), ONLY (p1,p2,p6: the
# goals to measure, comma-separated; ONLY=p2 runs the intake pair alone).
set -euo pipefail

DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-2s}
THREADS=${THREADS:-2}
P6_DURATION=${P6_DURATION:-5s}
PORT=${PORT:-18090}
KEEP=${KEEP:-0}
ONLY=${ONLY:-p1,p2,p6}
WL_PORT=$PORT PB_PORT=$((PORT + 1)) BARE_PORT=$((PORT + 2))
WL=http://127.0.0.1:$WL_PORT PB=http://127.0.0.1:$PB_PORT BARE=http://127.0.0.1:$BARE_PORT
ADMIN=bench@example.com PASSWORD=bench-password-123
# A person's browser: the first visit of a personal link counts as a click.
BROWSER="Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d -t warmloop-load.XXXXXX)
PIDS=()

cleanup() {
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
	if [ "$KEEP" = 1 ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

say() { echo "== $*" >&2; }
# wanted succeeds when ONLY names a goal.
wanted() { [[ ",$ONLY," == *",$1,"* ]]; }
die() { echo "load.sh: $*" >&2; exit 1; }
for goal in ${ONLY//,/ }; do
	case $goal in p1 | p2 | p6) ;; *) die "ONLY names $goal; use p1, p2 and p6, comma-separated" ;; esac
done

# ensure_tools installs wrk (and jq, curl) from Debian when missing.
ensure_tools() {
	local missing=()
	for t in wrk jq curl; do command -v "$t" >/dev/null || missing+=("$t"); done
	[ ${#missing[@]} = 0 ] && return
	say "installing ${missing[*]} from Debian"
	local sudo=""
	[ "$(id -u)" = 0 ] || sudo=sudo
	$sudo apt-get update -qq >/dev/null
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
	for t in "${missing[@]}"; do command -v "$t" >/dev/null || die "$t could not be installed"; done
}

# port_free fails when something already listens on the port.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_up waits until a URL answers.
wait_up() {
	for _ in $(seq 200); do
		curl -fs -o /dev/null "$1" && return
		sleep 0.1
	done
	die "$1 did not answer within 20 s"
}

# json_field prints a field of a JSON answer, or of its first item.
json_field() { jq -r "if has(\"items\") then (.items[0].$1 // empty) else .$1 end"; }

# superuser_token signs in as the bench superuser at a base URL.
superuser_token() {
	curl -fsS -X POST "$1/api/collections/_superusers/auth-with-password" \
		-H 'Content-Type: application/json' \
		-d "{\"identity\":\"$ADMIN\",\"password\":\"$PASSWORD\"}" | json_field token
}

# api calls a base URL's REST API as the superuser: api BASE TOKEN METHOD PATH [BODY].
api() {
	curl -fsS -X "$3" "$1$4" -H "Authorization: $2" -H 'Content-Type: application/json' ${5:+-d "$5"}
}

# first_of prints a field of the first record a filter finds: COLLECTION FILTER FIELD.
first_of() {
	api "$WL" "$WL_TOKEN" GET "/api/collections/$1/records?perPage=1&skipTotal=1&sort=-created&fields=$3&filter=$(printf %s "$2" | jq -sRr @uri)" | json_field "$3"
}

# load runs wrk (a warm-up, then the measured run) and prints its WRK line:
# load CONNECTIONS URL [wrk options…] [-- script arguments…]
load() {
	local c=$1 url=$2 opts=() args=()
	shift 2
	while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
	args=("$@")
	wrk -t"$THREADS" -c"$c" -d"$WARMUP" -H "User-Agent: $BROWSER" "${opts[@]}" "$url" "${args[@]}" >/dev/null
	wrk -t"$THREADS" -c"$c" -d"$DURATION" -H "User-Agent: $BROWSER" "${opts[@]}" "$url" "${args[@]}" | grep '^WRK '
}

# settle waits, at most a minute, until a server is idle (under a tenth of
# a core for half a second). PocketBase writes its request log in batches,
# behind the requests: a load leaves a backlog that is written after it
# ends, and that must not be counted against the next load.
settle() {
	local a b
	for _ in $(seq 120); do
		a=$(awk '{print $14 + $15}' "/proc/$1/stat")
		sleep 0.5
		b=$(awk '{print $14 + $15}' "/proc/$1/stat")
		[ $((b - a)) -lt $(($(getconf CLK_TCK) / 20)) ] && return
	done
	say "process $1 still busy after a minute"
}

# vmhwm prints a process's peak resident memory in MB.
vmhwm() { awk '/^VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

ensure_tools
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for p in $WL_PORT $PB_PORT $BARE_PORT; do port_free "$p" || die "port $p is taken; set PORT"; done

say "building warmloop, plain PocketBase and the bare server in $WORK"
(cd "$ROOT" && go build -o "$WORK/warmloop" . && go build -o "$WORK/plainpb" ./bench/plainpb && go build -o "$WORK/bare" ./bench/bare)

say "seeding the demo into a fresh data dir"
"$WORK/warmloop" superuser upsert "$ADMIN" "$PASSWORD" --dir "$WORK/wl" >/dev/null
"$WORK/warmloop" demo --dir "$WORK/wl" >&2
"$WORK/warmloop" serve --dir "$WORK/wl" --http "127.0.0.1:$WL_PORT" >"$WORK/warmloop.log" 2>&1 &
WL_PID=$!
PIDS+=("$WL_PID")
wait_up "$WL/api/health"
WL_TOKEN=$(superuser_token "$WL")
# The limiter would refuse a load from one address; the shipped default stays on.
api "$WL" "$WL_TOKEN" PATCH /api/settings '{"rateLimits":{"enabled":false}}' >/dev/null

ASK=$(first_of asks "status = 'sent' && clicked_at = ''" token)
REFERRAL=$(first_of referrals "status = 'invited'" code)
REFERRAL_ID=$(first_of referrals "code = '$REFERRAL'" id)
SHARE=$(first_of customers "referral_code != ''" referral_code)
SETTINGS_ID=$(first_of settings "id != ''" id)
SECRET=bench-secret-$RANDOM$RANDOM
api "$WL" "$WL_TOKEN" PATCH "/api/collections/settings/records/$SETTINGS_ID" "{\"nps_secret\":\"$SECRET\"}" >/dev/null
[ -n "$ASK" ] && [ -n "$REFERRAL" ] && [ -n "$SHARE" ] || die "the demo has no unclicked ask, invited referral or referral code"
UNKNOWN=zzzzzzzzzzzzzzzzzzzzzz # the shape of a token, known to nobody

say "starting plain PocketBase and the bare server"
"$WORK/plainpb" superuser upsert "$ADMIN" "$PASSWORD" --dir "$WORK/pb" >/dev/null
"$WORK/plainpb" serve --dir "$WORK/pb" --http "127.0.0.1:$PB_PORT" >"$WORK/plainpb.log" 2>&1 &
PB_PID=$!
PIDS+=("$PB_PID")
wait_up "$PB/api/health"
PB_TOKEN=$(superuser_token "$PB")
# The same answer a webhook carries, as a plain collection anyone may create in.
api "$PB" "$PB_TOKEN" POST /api/collections '{"name":"answers","type":"base","createRule":"",
  "fields":[{"name":"email","type":"email","required":true},{"name":"name","type":"text"},
    {"name":"company","type":"text"},{"name":"score","type":"number"},
    {"name":"external_id","type":"text","required":true},
    {"name":"created","type":"autodate","onCreate":true},{"name":"updated","type":"autodate","onCreate":true,"onUpdate":true}],
  "indexes":["CREATE UNIQUE INDEX idx_answers_external_id ON answers (external_id)"]}' >/dev/null

curl -fsS -o "$WORK/landing.html" -A "$BROWSER" "$WL/r/$ASK"
"$WORK/bare" -addr "127.0.0.1:$BARE_PORT" -page "$WORK/landing.html" 2>"$WORK/bare.log" &
PIDS+=($!)
wait_up "$BARE/"

GET_LUA="$ROOT/bench/get.lua" POST_LUA="$ROOT/bench/post.lua"
declare -A R
run() { # run NAME CONNECTIONS URL [wrk arguments…]
	local name=$1
	shift
	for pid in "$WL_PID" "$PB_PID"; do settle "$pid"; done
	say "wrk $name"
	R[$name]=$(load "$@")
	echo "   ${R[$name]}" >&2
}

RUN_ID=$(date +%s)
# P2 runs before P1: the /api/health baselines of P1 write hundreds of
# thousands of rows to Warmloop's request log, and the intake logs each
# delivery there, as plain PocketBase logs each create in a log of its own
# that no baseline has filled.
if wanted p2; then
	say "P2: intake, 32 connections"
	run nps 32 "$WL/hooks/nps/generic" -s "$POST_LUA" -- nps "w$RUN_ID" "$SECRET"
	run create 32 "$PB/api/collections/answers/records" -s "$POST_LUA" -- create "p$RUN_ID"
fi
# Each page runs right after its own /api/health run: other work on the
# machine shifts both alike, and the ratio is taken from the pair.
wanted p1 && say "P1: public pages, 64 connections, $DURATION each after $WARMUP"
wanted p1 && for page in "landing /r/$ASK" "referee /i/$REFERRAL" "share /s/$SHARE" "thanks /thanks" "notfound /r/$UNKNOWN"; do
	set -- $page
	run "health_$1" 64 "$WL/api/health" -s "$GET_LUA"
	run "$1" 64 "$WL$2" -s "$GET_LUA"
done
wanted p1 && run bare 64 "$BARE/" -s "$GET_LUA"

HWM_ALL=$(vmhwm "$WL_PID")

# P6 in a process of its own: the /api/health baselines above flood
# PocketBase's request log, whose backlog is held in memory until written,
# so the peak of the process that served them is theirs as much as ours.
if wanted p6; then
	say "P6: the P1 and P2 loads again in a fresh Warmloop process, $P6_DURATION each"
	kill "$WL_PID"
	wait "$WL_PID" 2>/dev/null || true
	"$WORK/warmloop" serve --dir "$WORK/wl" --http "127.0.0.1:$WL_PORT" >>"$WORK/warmloop.log" 2>&1 &
	WL_PID=$!
	PIDS+=("$WL_PID")
	wait_up "$WL/api/health"
	for path in "/r/$ASK" "/i/$REFERRAL" "/s/$SHARE" /thanks "/r/$UNKNOWN"; do
		wrk -t"$THREADS" -c64 -d"$P6_DURATION" -H "User-Agent: $BROWSER" "$WL$path" >/dev/null
	done
	wrk -t"$THREADS" -c32 -d"$P6_DURATION" -s "$POST_LUA" "$WL/hooks/nps/generic" -- nps "m$RUN_ID" "$SECRET" >/dev/null
	HWM_P6=$(vmhwm "$WL_PID")
fi

# What the loads must not have broken: the ask and the referral each opened
# once, by a person.
ASK_STATUS=$(first_of asks "token = '$ASK'" status)
VISITS=$(api "$WL" "$WL_TOKEN" GET "/api/collections/referral_events/records?perPage=1&filter=$(printf %s "referral = '$REFERRAL_ID' && to_status = 'visited'" | jq -sRr @uri)" | jq -r .totalItems)

# Each result is "WRK rate p99 non2xx socket-errors requests"; a leading
# placeholder makes the rate ${a[1]}, the p99 ${a[2]} and so on.
for k in "${!R[@]}"; do R[$k]="${R[$k]#WRK }"; R[$k]="x ${R[$k]}"; done
row() {
	local what=$1 a=(${R[$2]}) label=$3 b=(${R[$4]}) goal=$5 note=""
	[ "${a[4]}" = 0 ] || note=" ${a[4]} socket errors;"
	if [ "$2" = notfound ]; then
		[ "${a[3]}" = "${a[5]}" ] || note="$note $((a[5] - a[3])) answers were not 404;"
	elif [ "${a[3]}" != 0 ]; then
		note="$note ${a[3]} answers were not 2xx/3xx;"
	fi
	printf '| %s | %s req/s, p99 %s ms | %s: %s req/s, p99 %s ms | **%s** | %s%s |\n' \
		"$what" "${a[1]}" "${a[2]}" "$label" "${b[1]}" "${b[2]}" \
		"$(awk -v x="${a[1]}" -v y="${b[1]}" 'BEGIN {printf "%.2f", x / y}')" "$goal" "$note"
}

echo
echo "Warmloop $(cd "$ROOT" && git describe --always --dirty 2>/dev/null || echo '?'), $(nproc) cores, wrk -t$THREADS, $DURATION a run after $WARMUP, load average before: $LOAD_BEFORE"
echo
echo "| what | Warmloop | baseline in the same run | ratio | goal |"
echo "|---|---|---|---|---|"
if wanted p1; then
	row 'GET /r/{token} (landing page)' landing 'GET /api/health' health_landing '≥ 0.9, p99 ≤ 20 ms'
	row 'GET /i/{code} (referee page)' referee 'GET /api/health' health_referee '≥ 0.9, p99 ≤ 20 ms'
	row 'GET /s/{code} (share page)' share 'GET /api/health' health_share '≥ 0.9, p99 ≤ 20 ms'
	row 'GET /thanks' thanks 'GET /api/health' health_thanks '≥ 0.9, p99 ≤ 20 ms'
	row 'GET /r/{unknown} (the 404 page)' notfound 'GET /api/health' health_notfound '≥ 0.9, p99 ≤ 20 ms'
	row 'GET /r/{token} (landing page)' landing 'bare net/http, same bytes' bare '—'
fi
wanted p2 && row 'POST /hooks/nps/generic, a new promoter each (32 conns)' nps 'plain PocketBase record create' create '≥ 1.0, p99 ≤ 100 ms'
wanted p6 && echo "| peak RSS of Warmloop (VmHWM) through the P1 and P2 loads | $HWM_P6 MB | with the /api/health baselines too: $HWM_ALL MB | | ≤ 100 MB |"
if wanted p1; then
	echo
	echo "The landing page's ask is now '$ASK_STATUS' (was sent); the referee page's referral has $VISITS 'visited' event(s) (want 1)."
fi
