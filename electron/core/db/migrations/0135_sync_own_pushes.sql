-- Own rows (issue 12): the hub transactions in which this device's pushes stored ledger rows
-- (opsdeck_push answers with its txid). A pull skips this device's own rows written between
-- own_txid_min and own_txid_max instead of downloading what it just sent; the range is forgotten
-- once the table's cursor has passed it. See docs/sync.md, "Own rows".
ALTER TABLE sync_state ADD COLUMN own_txid_min INTEGER CHECK (own_txid_min IS NULL OR own_txid_min >= 0);
ALTER TABLE sync_state ADD COLUMN own_txid_max INTEGER CHECK (own_txid_max IS NULL OR own_txid_max >= own_txid_min);
