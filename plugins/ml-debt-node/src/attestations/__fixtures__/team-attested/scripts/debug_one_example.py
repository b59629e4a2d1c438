import json
import sys


def main(path: str) -> None:
    with open(path) as handle:
        print(json.load(handle))


if __name__ == "__main__":
    main(sys.argv[-1])
