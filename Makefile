.PHONY: app test bench
app:
	python3 scripts/dev.py app
test:
	python3 scripts/dev.py test
bench:
	python3 scripts/dev.py bench
