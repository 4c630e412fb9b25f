# scripts/bench-plot.gp -- peak RSS against input size, log-log, one line per tool and task.
# usage: gnuplot -e "datafile='rss.dat'; outfile='rss.png'" scripts/bench-plot.gp
# datafile: blocks separated by two blank lines, each a quoted title line then
# "input_MiB rss_MiB" rows (scripts/bench writes it).
set terminal pngcairo size 900,600 noenhanced
set output outfile
set title "Peak RSS against input size"
set logscale xy
set xlabel "input (MiB)"
set ylabel "peak RSS (MiB)"
set key top left
set grid
plot for [i=0:*] datafile index i using 1:2 with linespoints title columnheader(1)
