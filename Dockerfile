# Build: a static binary, no cgo (PocketBase uses the pure-Go SQLite driver).
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/warmloop .

# Run: a small image with a non-root user and the data dir as a volume.
FROM alpine:3.22
RUN apk add --no-cache ca-certificates tzdata \
 && addgroup -S warmloop && adduser -S -G warmloop -H -h /pb_data warmloop \
 && mkdir /pb_data && chown warmloop:warmloop /pb_data
COPY --from=build /out/warmloop /usr/local/bin/warmloop
USER warmloop
VOLUME /pb_data
EXPOSE 8090
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1:8090/api/health || exit 1
ENTRYPOINT ["/usr/local/bin/warmloop", "--dir", "/pb_data"]
CMD ["serve", "--http", "0.0.0.0:8090"]
