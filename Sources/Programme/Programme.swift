// Programme: the programme's rules. Pure: takes data and `now`, returns decisions.
