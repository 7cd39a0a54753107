# Requests and failed requests per 5 minutes of the writer's local time in
# Aura's trace template, the shapes logtool's request classifier accepts:
#   "Request completed: M P - S in Nms" (not the copy that ends in
#   "[CorrelationId: ...]"), "Request failed: M P after Nms",
#   "Response: M P S in Nms", "HTTP M P responded S in N ms";
# health probes left out. Paths may contain spaces.
/\] (Request (completed|failed): |Response: |HTTP [A-Z]+ .* responded )/ {
	if (index($0, "[CorrelationId: ")) next
	if (match($0, /\] Request completed: [A-Z]+ /)) {
		rest = substr($0, RSTART + RLENGTH)
		match(rest, / - [0-9]+ in /)
		status = substr(rest, RSTART + 3, 3)
	} else if (match($0, /\] Request failed: [A-Z]+ /)) {
		rest = substr($0, RSTART + RLENGTH)
		status = 999
	} else if (match($0, /\] Response: [A-Z]+ /)) {
		rest = substr($0, RSTART + RLENGTH)
		match(rest, / [0-9]+ in [0-9.]+ms/)
		status = substr(rest, RSTART + 1, 3)
	} else {
		match($0, /\] HTTP [A-Z]+ /)
		rest = substr($0, RSTART + RLENGTH)
		match(rest, / responded [0-9]+/)
		status = substr(rest, RSTART + 11, 3)
	}
	if (rest ~ /^\/(health|healthz|api\/health)/) next
	key = substr($0, 2, 14) sprintf("%02d", int(substr($0, 16, 2) / 5) * 5)
	n[key]++; e[key] += status >= 500
}
END { for (k in n) print k "\t" n[k] "\t" e[k] }
