# sluice(1) completion for bash.
#
# The options, which of them take an argument, and the values of those
# whose argument is one of a list (--stats[=text|json],
# --long-lines=fail|split|truncate|skip, ...) are read from the binary's
# own --help, once per binary, so the completion always knows exactly
# what the installed sluice knows.

# Reads "$1 --help" into _sluice_words (options to offer), _sluice_takes
# (option -> required|optional) and _sluice_values (option -> values).
_sluice_read_help()
{
	local bin=$1 line short long arg
	local re='^ +(-([A-Za-z]), )?--([a-z0-9-]+)((\[?=)([^ ]+))?'

	[[ ${_sluice_help_of-} == "$bin" ]] && return 0
	_sluice_words=()
	unset _sluice_takes _sluice_values
	declare -gA _sluice_takes=() _sluice_values=()
	while IFS= read -r line; do
		[[ $line =~ $re ]] || continue
		short=${BASH_REMATCH[2]}
		long=--${BASH_REMATCH[3]}
		arg=${BASH_REMATCH[6]}
		if [[ -z $arg ]]; then
			_sluice_words+=("$long")
		elif [[ ${BASH_REMATCH[5]} == '[=' ]]; then
			arg=${arg%]}
			_sluice_words+=("$long" "$long=")
			_sluice_takes[$long]=optional
		else
			_sluice_words+=("$long=")
			_sluice_takes[$long]=required
			[[ -n $short ]] && _sluice_takes[-$short]=required
		fi
		[[ -n $short ]] && _sluice_words+=("-$short")
		if [[ $arg == *'|'* ]]; then
			_sluice_values[$long]=${arg//|/ }
			[[ -n $short ]] && _sluice_values[-$short]=${arg//|/ }
		fi
	done < <("$bin" --help 2>/dev/null)
	_sluice_help_of=$bin
}

_sluice()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev= option= value= bin
	local -a found

	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	bin=${COMP_WORDS[0]}
	[[ $bin == */* ]] || bin=$(type -P "$bin") || return 0
	_sluice_read_help "$bin"
	COMPREPLY=()

	# --option=value: one word, or split at '=' (COMP_WORDBREAKS).
	if [[ $cur == --*=* ]]; then
		option=${cur%%=*}
		value=${cur#*=}
		if [[ -n ${_sluice_values[$option]-} ]]; then
			found=($(compgen -W "${_sluice_values[$option]}" -- "$value"))
			COMPREPLY=("${found[@]/#/$option=}")
		else
			compopt -o default 2>/dev/null
		fi
		return 0
	fi
	if [[ $cur == = ]]; then
		option=$prev
		value=
	elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
		option=${COMP_WORDS[COMP_CWORD - 2]}
		value=$cur
	elif [[ ${_sluice_takes[$prev]-} == required ]]; then
		option=$prev
		value=$cur
	fi
	if [[ -n $option ]]; then
		if [[ -n ${_sluice_values[$option]-} ]]; then
			COMPREPLY=($(compgen -W "${_sluice_values[$option]}" -- "$value"))
		else
			# A pattern, a number, a size: nothing to offer but files.
			compopt -o default 2>/dev/null
		fi
		return 0
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "${_sluice_words[*]}" -- "$cur"))
		[[ ${#COMPREPLY[@]} == 1 && ${COMPREPLY[0]} == *= ]] &&
			compopt -o nospace 2>/dev/null
		return 0
	fi
	compopt -o default 2>/dev/null
	return 0
}

complete -F _sluice sluice
